package com.commentshield.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The moderation queue's storage. It stays UP while the database is unreachable, because /classify
 * keeps answering and flagged items wait safely in the spool; taking the instance out of rotation
 * then would turn a database outage into a classification outage. The data shows the outage and the
 * backlog, for operators and alerts; {@code deadLetters} counts spooled items the database refused,
 * kept aside in the spool's dead-letter folder (the check stays UP: they hold nothing else back).
 */
@Readiness
@ApplicationScoped
public class QueueHealthCheck implements HealthCheck {

  private final QueueWriter writer;

  public QueueHealthCheck(QueueWriter writer) {
    this.writer = writer;
  }

  @Override
  public HealthCheckResponse call() {
    QueueWriter.Status status = writer.status();
    HealthCheckResponseBuilder builder =
        HealthCheckResponse.named("moderation-queue")
            .up()
            .withData("database", status.databaseReachable() ? "reachable" : "unreachable")
            .withData("spooled", status.spooled())
            .withData("waiting", status.waiting())
            .withData("deadLetters", status.deadLetters());
    if (status.unreachableSince() != null) {
      builder.withData("unreachableSince", status.unreachableSince().toString());
    }
    if (status.lastError() != null) {
      builder.withData("lastError", status.lastError());
    }
    return builder.build();
  }
}
