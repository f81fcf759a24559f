package com.commentshield.moderation;

import com.commentshield.common.CommentShieldConfig;
import com.commentshield.common.DatabaseErrors;
import com.commentshield.common.TemporarilyUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes flagged items into the moderation queue on one thread, many per transaction: requests that
 * arrive while a commit is under way are committed together by the next one (group commit), so the
 * cost of making an item durable is shared instead of paid per comment. Each caller's future
 * completes only after its item is durable.
 *
 * <p>When the database cannot be reached, items go to the local {@link QueueSpool} instead (forced
 * to disk before the caller is answered) and are inserted, once each, when the database is back:
 * /classify keeps answering through a database outage without losing a queued item.
 */
@Startup
@ApplicationScoped
public class QueueWriter {

  private static final Logger LOG = Logger.getLogger(QueueWriter.class);

  /** Items per transaction: large enough to share a commit widely, small enough to stay quick. */
  static final int MAX_BATCH = 200;

  /** Items waiting for the writer; beyond this, callers get 503 rather than unbounded waits. */
  static final int MAX_WAITING = 20_000;

  /** Items per transaction when the spool is moved into the database. */
  private static final int DRAIN_CHUNK = 500;

  private static final long MAX_RETRY_DELAY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Path spoolDir;
  private final Counter spooledTotal;
  private final MeterRegistry meters;
  private QueueSpool spool;
  private Thread thread;
  private volatile boolean stopping;

  /** When the database is unreachable: the earliest System.nanoTime() to try it again. */
  private volatile long retryDatabaseAt;

  private volatile boolean databaseReachable = true;
  private volatile OffsetDateTime unreachableSince;
  private volatile String lastDatabaseError;
  private long retryDelayNanos = TimeUnit.MILLISECONDS.toNanos(500);

  private final Event<ItemsQueued> queued;

  public QueueWriter(CommentShieldConfig config, MeterRegistry meters, Event<ItemsQueued> queued) {
    this.queued = queued;
    this.spoolDir = Path.of(config.dataDir()).toAbsolutePath().resolve("spool");
    this.meters = meters;
    this.spooledTotal =
        Counter.builder("commentshield.queue.spooled.items")
            .description(
                "Flagged items that went to the local spool because the database was unreachable")
            .register(meters);
  }

  @PostConstruct
  void start() {
    try {
      spool = new QueueSpool(spoolDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the queue spool in " + spoolDir, e);
    }
    Gauge.builder("commentshield.queue.spool.backlog", this, w -> w.spool.count())
        .description("Flagged items in the local spool, waiting for the database")
        .register(meters);
    Gauge.builder("commentshield.queue.waiting", waiting, BlockingQueue::size)
        .description("Flagged items waiting for the queue writer's next transaction")
        .register(meters);
    if (spool.count() > 0) {
      LOG.infof(
          "%d flagged items wait in the spool; they go into the queue when the database answers",
          spool.count());
    }
    thread = Thread.ofPlatform().name("queue-writer").daemon(true).unstarted(this::run);
    thread.start();
  }

  /**
   * Hands an item to the writer. The future completes with its queue id once it is committed, with
   * null once it is safe in the spool (the database was unreachable; it gets an id when it is moved
   * into the queue), or exceptionally with {@link TemporarilyUnavailableException} when it could be
   * stored nowhere, in which case it was not acknowledged.
   */
  public CompletableFuture<Long> submit(FlaggedItem item) {
    Waiting w = new Waiting(item, new CompletableFuture<>());
    if (!thread.isAlive()) {
      // Shutting down: the writer has finished; the spool still takes the item durably.
      spoolOrFail(List.of(w));
      return w.stored;
    }
    if (!waiting.offer(w)) {
      w.stored.completeExceptionally(
          new TemporarilyUnavailableException(
              "the moderation queue is behind; try again shortly", 1));
    }
    return w.stored;
  }

  /** The state of the queue's storage, for the health check. */
  public Status status() {
    return new Status(
        databaseReachable, unreachableSince, lastDatabaseError, spool.count(), waiting.size());
  }

  /**
   * @param databaseReachable whether the last write reached the database
   * @param unreachableSince when writes started failing, null while they succeed
   * @param lastError the kind of the last database failure, null while writes succeed
   * @param spooled items in the local spool
   * @param waiting items waiting for the next transaction
   */
  public record Status(
      boolean databaseReachable,
      OffsetDateTime unreachableSince,
      String lastError,
      long spooled,
      int waiting) {}

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    drainSpoolIfDue();
    List<Waiting> batch = new ArrayList<>(MAX_BATCH);
    while (!stopping || !waiting.isEmpty()) {
      try {
        Waiting first = waiting.poll(200, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          waiting.drainTo(batch, MAX_BATCH - 1);
          store(batch);
          batch.clear();
        }
        drainSpoolIfDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException unexpected) {
        // Never let the writer die: fail this batch's callers (not acknowledged) and go on.
        LOG.error("Queue writer failed on a batch", unexpected);
        batch.forEach(w -> w.stored.completeExceptionally(unexpected));
        batch.clear();
      }
    }
  }

  private void store(List<Waiting> batch) {
    if (!databaseDue()) {
      spoolOrFail(batch);
      return;
    }
    try {
      insert(batch);
      databaseAnswered();
    } catch (RuntimeException e) {
      if (DatabaseErrors.unreachable(e)) {
        databaseFailed(e);
        spoolOrFail(batch);
      } else if (batch.size() > 1) {
        // One bad item must not fail the others: give each its own transaction.
        for (Waiting w : batch) {
          store(List.of(w));
        }
      } else {
        LOG.error("The moderation queue refused an item", e);
        batch.getFirst().stored.completeExceptionally(e);
      }
    }
  }

  private void insert(List<Waiting> batch) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              batch.forEach(w -> w.item.persist());
              queued.fire(new ItemsQueued(batch.stream().map(Waiting::item).toList()));
            });
    batch.forEach(w -> w.stored.complete(w.item.id));
  }

  private void spoolOrFail(List<Waiting> batch) {
    List<QueueSpool.Record> records =
        batch.stream().map(w -> QueueSpool.Record.of(w.item)).toList();
    try {
      synchronized (spool) {
        spool.append(records);
      }
      spooledTotal.increment(records.size());
      batch.forEach(w -> w.stored.complete(null));
    } catch (IOException e) {
      LOG.errorf(e, "Could not write %d flagged items to the spool in %s", batch.size(), spoolDir);
      batch.forEach(
          w ->
              w.stored.completeExceptionally(
                  new TemporarilyUnavailableException(
                      "the moderation queue cannot store items right now; try again shortly", 5)));
    }
  }

  private void drainSpoolIfDue() {
    if (spool.count() == 0 || !databaseDue()) {
      return;
    }
    try {
      synchronized (spool) {
        spool.closeCurrent();
        for (Path file : spool.files()) {
          List<QueueSpool.Record> records = spool.read(file);
          for (int from = 0; from < records.size(); from += DRAIN_CHUNK) {
            insertAbsent(records.subList(from, Math.min(records.size(), from + DRAIN_CHUNK)));
          }
          spool.remove(file, records.size());
          LOG.infof("Moved %d spooled items into the moderation queue", records.size());
        }
      }
      databaseAnswered();
    } catch (IOException e) {
      LOG.errorf(e, "Could not read the spool in %s", spoolDir);
      databaseFailed(e);
    } catch (RuntimeException e) {
      if (!DatabaseErrors.unreachable(e)) {
        LOG.error("Moving spooled items into the queue failed; will retry", e);
      }
      databaseFailed(e);
    }
  }

  /** Inserts the records not inserted before (a crash may have come between commit and delete). */
  private void insertAbsent(List<QueueSpool.Record> records) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              List<String> keys = records.stream().map(QueueSpool.Record::key).toList();
              Set<String> present =
                  new HashSet<>(
                      FlaggedItem.<FlaggedItem>list("spoolKey in ?1", keys).stream()
                          .map(i -> i.spoolKey)
                          .toList());
              List<FlaggedItem> inserted = new ArrayList<>();
              for (QueueSpool.Record r : records) {
                if (!present.contains(r.key())) {
                  FlaggedItem item = r.toItem();
                  item.persist();
                  inserted.add(item);
                }
              }
              if (!inserted.isEmpty()) {
                queued.fire(new ItemsQueued(inserted));
              }
            });
  }

  private boolean databaseDue() {
    return databaseReachable || System.nanoTime() - retryDatabaseAt >= 0;
  }

  private void databaseAnswered() {
    if (!databaseReachable) {
      LOG.info("The database answers again; flagged items go straight into the queue");
    }
    databaseReachable = true;
    unreachableSince = null;
    lastDatabaseError = null;
    retryDelayNanos = TimeUnit.MILLISECONDS.toNanos(500);
  }

  private void databaseFailed(Exception e) {
    if (databaseReachable) {
      LOG.warnf(
          "The database cannot be reached (%s); flagged items go to the spool in %s",
          rootMessage(e), spoolDir);
      unreachableSince = OffsetDateTime.now();
    }
    databaseReachable = false;
    lastDatabaseError = rootCause(e).getClass().getSimpleName();
    retryDatabaseAt = System.nanoTime() + retryDelayNanos;
    retryDelayNanos = Math.min(MAX_RETRY_DELAY_NANOS, retryDelayNanos * 2);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private record Waiting(FlaggedItem item, CompletableFuture<Long> stored) {}
}
