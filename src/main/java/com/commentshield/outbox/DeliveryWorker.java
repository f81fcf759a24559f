package com.commentshield.outbox;

import com.commentshield.common.CommentShieldConfig;
import com.commentshield.common.DatabaseErrors;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries, a few at a time, from whichever instance finds them first.
 *
 * <p><b>Never twice at once.</b> An attempt runs in one transaction that holds the delivery's row
 * lock ({@code SELECT ... FOR UPDATE SKIP LOCKED}) from before the request is sent until its
 * outcome is recorded: another instance skips a locked delivery, and the lock goes with the
 * transaction when the process dies, so the delivery is retried (at least once, never lost).
 *
 * <p><b>In order per item.</b> A delivery is due only when no earlier delivery of the same item to
 * the same webhook is still pending; a delivery given up on no longer holds the later ones back.
 *
 * <p><b>Retries.</b> A failed delivery is retried after {@code first-retry}, doubling up to an
 * hour, until it is older than {@code retry-for}, then marked failed (an admin can redeliver it). A
 * webhook whose receiver fails three times in a row (no answer, timeouts, 5xx) is paused with the
 * same backoff, so a receiver that is down costs a probe per pause rather than an attempt per
 * delivery; when it answers again, everything that failed meanwhile is due at once.
 */
@Startup
@ApplicationScoped
public class DeliveryWorker {

  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  /** Failures in a row after which a webhook is paused. */
  static final int PAUSE_AFTER = 3;

  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final long POLL_MILLIS = 1_000;
  private static final int CANDIDATES = 100;

  private static final String DUE =
      "SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id"
          + " WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND w.deleted_at IS NULL"
          + " AND (w.paused_until IS NULL OR w.paused_until <= ?)"
          + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id"
          + " AND e.item_id = d.item_id AND e.state = 'pending' AND e.event_seq < d.event_seq)"
          + " ORDER BY d.next_attempt_at, d.event_seq LIMIT "
          + CANDIDATES;

  private final DataSource dataSource;
  private final WebhookSender sender;
  private final Duration retryFor;
  private final Duration firstRetry;
  private final int transactionTimeoutSeconds;
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  private Thread scheduler;
  private boolean failing;

  public DeliveryWorker(DataSource dataSource, WebhookSender sender, CommentShieldConfig config) {
    this.dataSource = dataSource;
    this.sender = sender;
    CommentShieldConfig.Webhooks settings = config.webhooks();
    if (settings.concurrency() < 1 || settings.concurrency() > 64) {
      throw new IllegalArgumentException(
          "commentshield.webhooks.concurrency must be 1 to 64, was " + settings.concurrency());
    }
    if (settings.firstRetry().isNegative() || settings.firstRetry().isZero()) {
      throw new IllegalArgumentException("commentshield.webhooks.first-retry must be positive");
    }
    if (settings.retryFor().compareTo(settings.firstRetry()) < 0) {
      throw new IllegalArgumentException(
          "commentshield.webhooks.retry-for must be at least commentshield.webhooks.first-retry");
    }
    if (settings.timeout().isNegative()
        || settings.timeout().isZero()
        || settings.timeout().compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "commentshield.webhooks.timeout must be more than 0 and at most 1m");
    }
    if (settings.keepDays() < 1) {
      throw new IllegalArgumentException("commentshield.webhooks.keep-days must be at least 1");
    }
    this.retryFor = settings.retryFor();
    this.firstRetry = settings.firstRetry();
    this.slots = new Semaphore(settings.concurrency());
    this.transactionTimeoutSeconds = (int) settings.timeout().toSeconds() + 60;
  }

  @PostConstruct
  void start() {
    scheduler = Thread.ofPlatform().name("webhook-deliveries").daemon(true).unstarted(this::run);
    scheduler.start();
  }

  /** New or newly due deliveries: look now rather than at the next poll. */
  public void wake() {
    wake.release();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    wake.release();
    try {
      scheduler.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!stopping) {
      try {
        wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        wake.drainPermits();
        if (stopping) {
          break;
        }
        for (long id : due()) {
          if (stopping) {
            break;
          }
          if (!inFlight.add(id)) {
            continue;
          }
          slots.acquire();
          Thread.ofVirtual()
              .name("webhook-delivery-" + id)
              .start(
                  () -> {
                    boolean attempted = false;
                    try {
                      attempted = attempt(id);
                    } catch (RuntimeException e) {
                      logFailure(e);
                    } finally {
                      inFlight.remove(id);
                      slots.release();
                      if (attempted) {
                        wake();
                      }
                    }
                  });
        }
        failing = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        logFailure(e);
        sleep(5_000);
      }
    }
  }

  private List<Long> due() {
    OffsetDateTime now = now();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Long> ids = new ArrayList<>();
              try (Connection c = dataSource.getConnection();
                  PreparedStatement s = c.prepareStatement(DUE)) {
                s.setObject(1, now);
                s.setObject(2, now);
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    ids.add(r.getLong(1));
                  }
                }
              }
              return ids;
            });
  }

  /**
   * One attempt at one delivery, in one transaction holding its row lock. Returns false when the
   * delivery was no longer due or another instance holds it.
   */
  boolean attempt(long deliveryId) {
    Boolean[] recovered = {false};
    Long[] webhook = {null};
    boolean attempted =
        QuarkusTransaction.requiringNew()
            .timeout(transactionTimeoutSeconds)
            .call(
                () -> {
                  try (Connection c = dataSource.getConnection()) {
                    OffsetDateTime now = now();
                    Claim claim = claim(c, deliveryId, now);
                    if (claim == null) {
                      return false;
                    }
                    WebhookSender.Outcome outcome =
                        sender.send(claim.url, claim.secret, claim.eventId, claim.type, claim.body);
                    webhook[0] = claim.webhookId;
                    recovered[0] = record(c, claim, outcome, now());
                    return true;
                  }
                });
    if (recovered[0]) {
      retryAfterRecovery(webhook[0]);
    }
    return attempted;
  }

  private Claim claim(Connection c, long id, OffsetDateTime now) throws SQLException {
    Claim claim;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT attempts, created_at, webhook_id, event_pk FROM webhook_delivery"
                + " WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?"
                + " FOR UPDATE SKIP LOCKED")) {
      s.setLong(1, id);
      s.setObject(2, now);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        claim = new Claim(id, r.getInt(1), r.getObject(2, OffsetDateTime.class), r.getLong(3));
        claim.eventPk = r.getLong(4);
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT e.event_id, e.type, e.payload, w.url, w.secret, w.deleted_at,"
                + " w.consecutive_failures, w.format, w.akismet_key FROM outbox_event e, webhook w"
                + " WHERE e.id = ? AND w.id = ?")) {
      s.setLong(1, claim.eventPk);
      s.setLong(2, claim.webhookId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || r.getObject(6) != null) {
          return null;
        }
        claim.eventId = r.getString(1);
        claim.type = r.getString(2);
        claim.payload = r.getString(3);
        claim.url = r.getString(4);
        claim.secret = r.getString(5);
        claim.webhookFailures = r.getInt(7);
        claim.body =
            WebhookFormat.fromId(r.getString(8))
                .orElse(WebhookFormat.COMMENTSHIELD)
                .body(claim.payload, r.getString(9));
      }
    }
    return claim;
  }

  /** Stores the outcome; returns whether the webhook's receiver just came back after a pause. */
  private boolean record(
      Connection c, Claim claim, WebhookSender.Outcome outcome, OffsetDateTime now)
      throws SQLException {
    int attempts = claim.attempts + 1;
    if (outcome.kind() == WebhookSender.Outcome.Kind.DELIVERED) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE webhook_delivery SET state = 'delivered', attempts = ?, last_attempt_at = ?,"
                  + " delivered_at = ?, last_status = ?, last_error = NULL, last_duration_ms = ?"
                  + " WHERE id = ?")) {
        s.setInt(1, attempts);
        s.setObject(2, now);
        s.setObject(3, now);
        s.setInt(4, outcome.status());
        s.setInt(5, (int) Math.min(Integer.MAX_VALUE, outcome.millis()));
        s.setLong(6, claim.id);
        s.executeUpdate();
      }
    } else {
      OffsetDateTime giveUpAt = claim.createdAt.plus(retryFor);
      boolean giveUp = !now.isBefore(giveUpAt);
      OffsetDateTime next = now.plus(backoff(attempts));
      if (next.isAfter(giveUpAt)) {
        next = giveUpAt; // the last attempt comes when the retry period ends
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE webhook_delivery SET state = ?, attempts = ?, last_attempt_at = ?,"
                  + " next_attempt_at = ?, last_status = ?, last_error = ?, last_duration_ms = ?"
                  + " WHERE id = ?")) {
        s.setString(1, giveUp ? "failed" : "pending");
        s.setInt(2, attempts);
        s.setObject(3, now);
        s.setObject(4, next);
        if (outcome.status() == null) {
          s.setNull(5, Types.INTEGER);
        } else {
          s.setInt(5, outcome.status());
        }
        s.setString(6, outcome.error());
        s.setInt(7, (int) Math.min(Integer.MAX_VALUE, outcome.millis()));
        s.setLong(8, claim.id);
        s.executeUpdate();
      }
      if (giveUp) {
        LOG.warnf(
            "Gave up on delivery %d (event %s) after %d attempts over %s: %s",
            claim.id, claim.eventId, attempts, retryFor, outcome.error());
      }
    }
    if (outcome.kind() == WebhookSender.Outcome.Kind.UNAVAILABLE) {
      receiverFailed(c, claim.webhookId, now);
      return false;
    }
    return claim.webhookFailures > 0 && receiverAnswered(c, claim.webhookId);
  }

  private void receiverFailed(Connection c, long webhookId, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE webhook SET consecutive_failures = consecutive_failures + 1,"
                + " failing_since = COALESCE(failing_since, ?) WHERE id = ?")) {
      s.setObject(1, now);
      s.setLong(2, webhookId);
      s.executeUpdate();
    }
    int failures;
    try (PreparedStatement s =
        c.prepareStatement("SELECT consecutive_failures FROM webhook WHERE id = ?")) {
      s.setLong(1, webhookId);
      try (ResultSet r = s.executeQuery()) {
        failures = r.next() ? r.getInt(1) : 0;
      }
    }
    if (failures >= PAUSE_AFTER) {
      try (PreparedStatement s =
          c.prepareStatement("UPDATE webhook SET paused_until = ? WHERE id = ?")) {
        s.setObject(1, now.plus(backoff(failures - PAUSE_AFTER + 1)));
        s.setLong(2, webhookId);
        s.executeUpdate();
      }
    }
  }

  /** Clears the webhook's failure streak; returns whether it had been paused. */
  private static boolean receiverAnswered(Connection c, long webhookId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE webhook SET consecutive_failures = 0, failing_since = NULL,"
                + " paused_until = NULL WHERE id = ? AND consecutive_failures >= ?")) {
      s.setLong(1, webhookId);
      s.setInt(2, PAUSE_AFTER);
      if (s.executeUpdate() > 0) {
        return true;
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE webhook SET consecutive_failures = 0, failing_since = NULL,"
                + " paused_until = NULL WHERE id = ? AND consecutive_failures > 0")) {
      s.setLong(1, webhookId);
      s.executeUpdate();
    }
    return false;
  }

  /**
   * The receiver answers again after a pause: what failed while it was away is due now, not at its
   * own (up to an hour later) retry time. Deliveries under way on this instance are left out, so
   * the update never waits for a send here; on PostgreSQL it may wait for one under way elsewhere.
   */
  private void retryAfterRecovery(long webhookId) {
    try {
      OffsetDateTime now = now();
      List<Long> busy = List.copyOf(inFlight);
      String notBusy =
          busy.isEmpty()
              ? ""
              : " AND id NOT IN ("
                  + String.join(",", busy.stream().map(String::valueOf).toList())
                  + ")";
      int due =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    try (Connection c = dataSource.getConnection();
                        PreparedStatement s =
                            c.prepareStatement(
                                "UPDATE webhook_delivery SET next_attempt_at = ? WHERE webhook_id"
                                    + " = ? AND state = 'pending' AND next_attempt_at > ?"
                                    + notBusy)) {
                      s.setObject(1, now);
                      s.setLong(2, webhookId);
                      s.setObject(3, now);
                      return s.executeUpdate();
                    }
                  });
      LOG.infof("Webhook %d answers again; %d waiting deliveries are due now", webhookId, due);
      wake();
    } catch (RuntimeException e) {
      // They stay due at their own retry times.
      LOG.debug("Could not bring forward the deliveries of a recovered webhook", e);
    }
  }

  /** {@code first-retry} doubled per earlier failure, at most an hour, spread by ±10%. */
  Duration backoff(int failures) {
    double factor = Math.pow(2, Math.min(30, Math.max(0, failures - 1)));
    double millis = Math.min(MAX_BACKOFF.toMillis(), firstRetry.toMillis() * factor);
    double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (millis * jitter));
  }

  private void logFailure(RuntimeException e) {
    if (stopping) {
      return;
    }
    if (failing) {
      LOG.debug("Webhook deliveries failed again", e);
    } else if (DatabaseErrors.unreachable(e)) {
      LOG.warnf("Webhook deliveries wait: the database cannot be reached (%s)", e.getMessage());
    } else {
      LOG.error("Webhook deliveries failed; will retry", e);
    }
    failing = true;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A delivery this attempt holds the lock of, with what sending it needs. */
  private static final class Claim {
    final long id;
    final int attempts;
    final OffsetDateTime createdAt;
    final long webhookId;
    long eventPk;
    String eventId;
    String type;
    String payload;
    String body;
    String url;
    String secret;
    int webhookFailures;

    Claim(long id, int attempts, OffsetDateTime createdAt, long webhookId) {
      this.id = id;
      this.attempts = attempts;
      this.createdAt = createdAt;
      this.webhookId = webhookId;
    }
  }
}
