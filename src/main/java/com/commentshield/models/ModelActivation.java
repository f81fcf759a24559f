package com.commentshield.models;

import com.commentshield.model.SpamModel;
import com.commentshield.model.TrainingPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one way a model version comes into service, whoever brings it: retraining, a rollback or
 * promotion by an admin (API or page), start-up, and another instance's activation seen by the
 * sync. Each marks the version active in the store where that is its part, then swaps it into the
 * {@link ModelRegistry}.
 */
@ApplicationScoped
public class ModelActivation {

  private static final Logger LOG = Logger.getLogger(ModelActivation.class);

  private final ModelRegistry registry;
  private final ModelStore store;

  public ModelActivation(ModelRegistry registry, ModelStore store) {
    this.registry = registry;
    this.store = store;
  }

  /** Makes a stored version the active one everywhere (rollback or promotion) and serves it. */
  public ModelStore.Loaded activate(int version, String note) {
    ModelStore.Loaded loaded = store.activate(version, note);
    serve(loaded);
    return loaded;
  }

  /**
   * Stores a trained model as a new version; when {@code activate}, it becomes the active version
   * and is served at once.
   *
   * @return the new version
   */
  public int store(TrainingPipeline.Result result, boolean activate, String note) {
    int version = store.save(result, activate, note);
    if (activate) {
      serve(version, result.model());
    }
    return version;
  }

  /** Serves a version that is already the active one in the store (start-up, sync). */
  public void serve(ModelStore.Loaded loaded) {
    serve(loaded.version(), loaded.model());
  }

  /** Serves a version the caller stored as active itself (the first start's default model). */
  public void serve(int version, SpamModel model) {
    registry.serve(ActiveModel.of(version, model));
    LOG.debugf("Model version %d in service", version);
  }

  /** Records that no model could be put in service; readiness reports why. */
  public void failed(String reason) {
    registry.loadFailed(reason);
  }
}
