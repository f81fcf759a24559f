package com.commentshield.models;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a model can answer: never silently approve comments without one. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

  private final ModelRegistry registry;

  public ModelReadinessCheck(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder builder = HealthCheckResponse.named("model");
    registry
        .current()
        .ifPresentOrElse(
            m ->
                builder
                    .up()
                    .withData("version", m.version())
                    .withData("algorithm", m.model().algorithm().id()),
            () -> {
              builder.down();
              builder.withData(
                  "status", registry.loadFailure().map(f -> "load failed: " + f).orElse("loading"));
            });
    return builder.build();
  }
}
