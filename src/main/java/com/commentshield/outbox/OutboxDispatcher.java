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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox events: gives each its place in the order of publication ({@code seq},
 * what the verdict feed's cursor counts) and creates a delivery for every webhook that wants it.
 * One instance at a time does this, under a row lock on {@code outbox_dispatch}, so sequence
 * numbers grow in the order they are given out: an event that commits late is published late, with
 * a higher number, and a reader's cursor never passes an event it has not seen.
 *
 * <p>Events of one item are written in commit order (see {@link OutboxWriter}), so they are also
 * published, and delivered, in that order. Every instance runs a dispatcher; whichever holds the
 * lock publishes, so events are published as long as one instance is up.
 *
 * <p>Once an hour it also removes what the retention keeps no longer: finished deliveries and
 * events older than {@code commentshield.webhooks.keep-days}.
 */
@Startup
@ApplicationScoped
public class OutboxDispatcher {

  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

  /** Events published per transaction. */
  static final int BATCH = 500;

  /** How often events committed by other instances are looked for. */
  private static final long POLL_MILLIS = 500;

  /**
   * Under load, queue commits follow each other closely and each wakes the dispatcher: publishing
   * at most once per this interval lets one publishing transaction take the events of several queue
   * commits (on H2 every transaction is a store commit, the flagged path's main cost). An event
   * after a quiet spell is published at once.
   */
  private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

  /** Deliveries of a deleted webhook are removed once any send under way has surely ended. */
  private static final Duration DELETED_GRACE = Duration.ofMinutes(10);

  private final DataSource dataSource;
  private final DeliveryWorker worker;
  private final int keepDays;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopping;
  private Thread thread;
  private long nextCleanup = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
  private long failingSince;
  private long lastPublished = System.nanoTime() - GATHER_NANOS;

  public OutboxDispatcher(
      DataSource dataSource, DeliveryWorker worker, CommentShieldConfig config) {
    this.dataSource = dataSource;
    this.worker = worker;
    this.keepDays = config.webhooks().keepDays();
  }

  @PostConstruct
  void start() {
    thread = Thread.ofPlatform().name("outbox-dispatcher").daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Events were committed: publish them now rather than at the next poll. */
  public void wake() {
    wake.release();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    wake.release();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!stopping) {
      try {
        boolean woken = wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        long gather = lastPublished + GATHER_NANOS - System.nanoTime();
        if (woken && gather > 0 && !stopping) {
          TimeUnit.NANOSECONDS.sleep(gather);
        }
        wake.drainPermits();
        if (stopping) {
          break;
        }
        int published;
        do {
          published = publishOnce();
        } while (published == BATCH && !stopping);
        lastPublished = System.nanoTime();
        if (System.nanoTime() - nextCleanup >= 0) {
          cleanUp();
          nextCleanup = System.nanoTime() + CLEANUP_EVERY.toNanos();
        }
        failingSince = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  /** Publishes up to {@link #BATCH} events; returns how many. */
  int publishOnce() {
    if (!anyUnpublished()) {
      return 0;
    }
    int[] deliveries = new int[1];
    int published =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  try (Connection c = dataSource.getConnection()) {
                    return publish(c, deliveries);
                  }
                });
    if (deliveries[0] > 0) {
      worker.wake();
    }
    return published;
  }

  private boolean anyUnpublished() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement s =
                      c.prepareStatement("SELECT id FROM outbox_event WHERE seq IS NULL LIMIT 1");
                  ResultSet r = s.executeQuery()) {
                return r.next();
              }
            });
  }

  private int publish(Connection c, int[] deliveries) throws SQLException {
    long lastSeq;
    try (PreparedStatement lock =
            c.prepareStatement("SELECT last_seq FROM outbox_dispatch WHERE id = 1 FOR UPDATE");
        ResultSet r = lock.executeQuery()) {
      if (!r.next()) {
        throw new IllegalStateException("outbox_dispatch has no row; the migration was not run");
      }
      lastSeq = r.getLong(1);
    }
    List<Unpublished> events = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, type, client, item_id, created_at FROM outbox_event"
                + " WHERE seq IS NULL ORDER BY id LIMIT "
                + BATCH)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          events.add(
              new Unpublished(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getLong(4),
                  r.getObject(5, OffsetDateTime.class)));
        }
      }
    }
    if (events.isEmpty()) {
      return 0;
    }
    List<Subscriber> subscribers = subscribers(c);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement number =
            c.prepareStatement("UPDATE outbox_event SET seq = ? WHERE id = ?");
        PreparedStatement deliver =
            c.prepareStatement(
                "INSERT INTO webhook_delivery (webhook_id, event_pk, event_seq, item_id, state,"
                    + " attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', 0,"
                    + " ?, ?)")) {
      for (Unpublished e : events) {
        long seq = ++lastSeq;
        number.setLong(1, seq);
        number.setLong(2, e.id);
        number.addBatch();
        for (Subscriber s : subscribers) {
          if (s.wants(e)) {
            deliver.setLong(1, s.id);
            deliver.setLong(2, e.id);
            deliver.setLong(3, seq);
            deliver.setLong(4, e.itemId);
            deliver.setObject(5, now);
            deliver.setObject(6, now);
            deliver.addBatch();
            deliveries[0]++;
          }
        }
      }
      number.executeBatch();
      if (deliveries[0] > 0) {
        deliver.executeBatch();
      }
    }
    try (PreparedStatement done =
        c.prepareStatement("UPDATE outbox_dispatch SET last_seq = ? WHERE id = 1")) {
      done.setLong(1, lastSeq);
      done.executeUpdate();
    }
    return events.size();
  }

  private static List<Subscriber> subscribers(Connection c) throws SQLException {
    List<Subscriber> subscribers = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT id, events, client_label, created_at FROM webhook WHERE deleted_at IS NULL");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        subscribers.add(
            new Subscriber(
                r.getLong(1),
                List.of(r.getString(2).split(",")),
                r.getString(3),
                r.getObject(4, OffsetDateTime.class)));
      }
    }
    return subscribers;
  }

  /** Removes finished deliveries and events past the retention, and deleted webhooks. */
  void cleanUp() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime cutoff = now.minusDays(keepDays);
    OffsetDateTime deletedBefore = now.minus(DELETED_GRACE);
    int[] removed =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  try (Connection c = dataSource.getConnection()) {
                    int deliveries =
                        update(
                            c,
                            "DELETE FROM webhook_delivery WHERE state <> 'pending' AND created_at < ?",
                            cutoff);
                    deliveries +=
                        update(
                            c,
                            "DELETE FROM webhook_delivery WHERE webhook_id IN"
                                + " (SELECT id FROM webhook WHERE deleted_at < ?)",
                            deletedBefore);
                    update(
                        c,
                        "DELETE FROM webhook WHERE deleted_at < ? AND NOT EXISTS"
                            + " (SELECT 1 FROM webhook_delivery d WHERE d.webhook_id = webhook.id)",
                        deletedBefore);
                    int events =
                        update(
                            c,
                            "DELETE FROM outbox_event WHERE created_at < ? AND seq IS NOT NULL"
                                + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d"
                                + " WHERE d.event_pk = outbox_event.id)",
                            cutoff);
                    return new int[] {deliveries, events};
                  }
                });
    if (removed[0] + removed[1] > 0) {
      LOG.infof(
          "Outbox retention: removed %d deliveries and %d events older than %d days",
          removed[0], removed[1], keepDays);
    }
  }

  private static int update(Connection c, String sql, OffsetDateTime at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, at);
      return s.executeUpdate();
    }
  }

  private void failed(RuntimeException e) {
    if (stopping) {
      return;
    }
    boolean first = failingSince == 0;
    if (first) {
      failingSince = System.nanoTime();
    }
    if (!first) {
      LOG.debug("Publishing outbox events failed again", e);
    } else if (DatabaseErrors.unreachable(e)) {
      LOG.warnf("Outbox events wait: the database cannot be reached (%s)", e.getMessage());
    } else {
      LOG.error("Publishing outbox events failed; will retry", e);
    }
    try {
      Thread.sleep(first ? POLL_MILLIS : 5_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private record Unpublished(
      long id, String type, String client, long itemId, OffsetDateTime createdAt) {}

  /** A webhook as the dispatcher sees it: what it wants. */
  private record Subscriber(
      long id, List<String> events, String clientLabel, OffsetDateTime createdAt) {
    boolean wants(Unpublished e) {
      return events.contains(e.type)
          && (clientLabel == null || clientLabel.equals(e.client))
          && !e.createdAt.isBefore(createdAt);
    }
  }
}
