package com.commentshield.models;

import com.commentshield.common.CommentShieldConfig;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.TrainingPipeline;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Puts a model in service at start-up, in the background so health endpoints answer meanwhile: the
 * active version from the database, or, on a first start, the default model stored as version 1:
 * the one the build trained from {@code training-data/} and shipped, or, when the classpath has
 * none that fits, one trained here the same way.
 */
@ApplicationScoped
public class ModelLifecycle {

  private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

  private final ModelActivation activation;
  private final ModelStore store;
  private final CommentShieldConfig config;
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "model-loader");
            t.setDaemon(true);
            return t;
          });

  public ModelLifecycle(ModelActivation activation, ModelStore store, CommentShieldConfig config) {
    this.activation = activation;
    this.store = store;
    this.config = config;
  }

  /**
   * Before the other start-up observers (default priority), whose database work on the main thread
   * then overlaps the model's loading instead of preceding it: readiness waits for the model.
   */
  void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
    loader.submit(this::loadOrTrain);
  }

  void onStop(@Observes ShutdownEvent event) {
    loader.shutdownNow();
  }

  private void loadOrTrain() {
    try {
      long started = System.nanoTime();
      Optional<ModelStore.Loaded> stored = store.loadActive();
      if (stored.isPresent()) {
        activation.serve(stored.get());
        LOG.infof(
            "Model version %d loaded in %d ms",
            stored.get().version(), (System.nanoTime() - started) / 1_000_000);
        return;
      }
      Algorithm algorithm = Algorithm.fromId(config.model().algorithm());
      DefaultModel.ShippedModel served =
          DefaultModel.served(
              algorithm,
              why ->
                  LOG.warnf(
                      "The shipped default %s model cannot be read (%s); training it",
                      algorithm.id(), why));
      TrainingPipeline.Result result = served.result();
      byte[] artifact = served.artifact();
      String origin = served.byTheBuild() ? "by the build" : "at first start";
      boolean savedHere;
      try {
        savedHere =
            store.saveFirst(
                result, artifact, "default model trained from training-data/ " + origin);
      } catch (RuntimeException concurrentFirstStart) {
        savedHere = false;
      }
      if (!savedHere) {
        // Another instance on the same database stored its default model first: serve that one.
        ModelStore.Loaded other = store.loadActive().orElseThrow();
        activation.serve(other);
        LOG.infof("Model version %d, stored by another instance, loaded", other.version());
        return;
      }
      int version = 1;
      activation.serve(version, result.model());
      LOG.infof(
          "Default %s model (trained on %s %s) stored as version %d in %d ms",
          algorithm.id(),
          result.dataSummary(),
          origin,
          version,
          (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      activation.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      LOG.error("Could not load a model; comments are held for review until one is activated", e);
    }
  }
}
