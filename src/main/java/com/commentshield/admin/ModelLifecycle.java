package com.commentshield.admin;

import com.commentshield.classify.ActiveModel;
import com.commentshield.classify.ModelRegistry;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.TrainingPipeline;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Puts a model in service at start-up, in the background so health endpoints answer meanwhile:
 * the active version from the database, or, on a first start, the default model trained from
 * {@code training-data/} and stored as version 1.
 */
@ApplicationScoped
public class ModelLifecycle {

  private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

  private final ModelRegistry registry;
  private final ModelStore store;
  private final PolicyService policy;
  private final RetrainService retrain;
  private final CommentShieldConfig config;
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "model-loader");
            t.setDaemon(true);
            return t;
          });

  public ModelLifecycle(
      ModelRegistry registry,
      ModelStore store,
      PolicyService policy,
      RetrainService retrain,
      CommentShieldConfig config) {
    this.registry = registry;
    this.store = store;
    this.policy = policy;
    this.retrain = retrain;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    loader.submit(this::loadOrTrain);
  }

  void onStop(@Observes ShutdownEvent event) {
    loader.shutdownNow();
  }

  private void loadOrTrain() {
    try {
      retrain.failInterruptedJobs();
      policy.refresh();
      long started = System.nanoTime();
      Optional<ModelStore.Loaded> stored = store.loadActive();
      if (stored.isPresent()) {
        registry.activate(ActiveModel.of(Integer.toString(stored.get().version()), stored.get().model()));
        LOG.infof("Model version %d loaded in %d ms", stored.get().version(),
            (System.nanoTime() - started) / 1_000_000);
        return;
      }
      Algorithm algorithm = Algorithm.fromId(config.model().algorithm());
      TrainingPipeline.Result result =
          TrainingPipeline.run(DefaultTrainingData.load(), DefaultModel.parameters(algorithm), done -> {});
      int version;
      try {
        version = store.save(result, true, "default model trained from training-data/ at first start");
      } catch (RuntimeException concurrentFirstStart) {
        // another instance stored its default model first: serve that one
        ModelStore.Loaded other = store.loadActive().orElseThrow(() -> concurrentFirstStart);
        registry.activate(ActiveModel.of(Integer.toString(other.version()), other.model()));
        return;
      }
      registry.activate(ActiveModel.of(Integer.toString(version), result.model()));
      LOG.infof(
          "Default %s model trained on %s in %d ms and stored as version %d",
          algorithm.id(), result.dataSummary(), (System.nanoTime() - started) / 1_000_000, version);
    } catch (RuntimeException e) {
      registry.loadFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      LOG.error("Could not load a model; comments are held for review until one is activated", e);
    }
  }
}
