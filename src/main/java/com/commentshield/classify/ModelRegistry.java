package com.commentshield.classify;

import com.commentshield.common.CommentShieldConfig;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.SpamModel;
import com.commentshield.model.Trainer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the model that serves requests. A request reads the reference once and finishes on that
 * model, so swapping in a new one is a single atomic write that no request can observe halfway.
 *
 * <p>At start-up the default model is trained from the project's training data in the
 * background; until it is in place readiness is DOWN and classification falls back to review.
 */
@ApplicationScoped
public class ModelRegistry {

  private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

  private final AtomicReference<ActiveModel> active = new AtomicReference<>();
  private final AtomicReference<String> loadFailure = new AtomicReference<>();
  private final CommentShieldConfig config;
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "model-loader");
            t.setDaemon(true);
            return t;
          });

  public ModelRegistry(CommentShieldConfig config) {
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    loader.submit(this::loadDefaultModel);
  }

  void onStop(@Observes ShutdownEvent event) {
    loader.shutdownNow();
  }

  private void loadDefaultModel() {
    try {
      Algorithm algorithm = Algorithm.fromId(config.model().algorithm());
      long started = System.nanoTime();
      SpamModel model = new Trainer(DefaultModel.parameters(algorithm)).train(DefaultTrainingData.load());
      activate(ActiveModel.of("1", model));
      LOG.infof(
          "Default %s model trained on %s in %d ms",
          algorithm.id(), model.trainingSummary(), (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      loadFailure.set(e.getMessage());
      LOG.error("Could not load the default model; comments are held for review", e);
    }
  }

  /** The serving model, if one is loaded. */
  public Optional<ActiveModel> current() {
    return Optional.ofNullable(active.get());
  }

  /** Puts {@code model} in service; requests already running finish on the previous one. */
  public void activate(ActiveModel model) {
    active.set(model);
    loadFailure.set(null);
  }

  /** Why the last load failed, if it did and no model has been activated since. */
  public Optional<String> loadFailure() {
    return Optional.ofNullable(loadFailure.get());
  }
}
