package com.commentshield.models;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the model that serves requests. A request reads the reference once and finishes on that
 * model, so swapping in a new one is a single atomic write that no request can observe halfway.
 * Until a model is in place readiness is DOWN and classification falls back to review.
 */
@jakarta.enterprise.context.ApplicationScoped
public class ModelRegistry {

  private final AtomicReference<ActiveModel> active = new AtomicReference<>();
  private final AtomicReference<String> loadFailure = new AtomicReference<>();

  /** The serving model, if one is loaded. */
  public Optional<ActiveModel> current() {
    return Optional.ofNullable(active.get());
  }

  /**
   * Puts {@code model} in service; requests already running finish on the previous one. Only {@link
   * ModelActivation} calls this: every way a version comes into service goes through it.
   */
  void serve(ActiveModel model) {
    active.set(model);
    loadFailure.set(null);
  }

  /** Records why no model could be loaded; readiness reports it. */
  void loadFailed(String reason) {
    loadFailure.set(reason);
  }

  /** Why the last load failed, if it did and no model has been activated since. */
  public Optional<String> loadFailure() {
    return Optional.ofNullable(loadFailure.get());
  }
}
