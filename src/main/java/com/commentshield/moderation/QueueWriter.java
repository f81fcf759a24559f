package com.commentshield.moderation;

import com.commentshield.common.CommentShieldConfig;
import com.commentshield.common.DatabaseErrors;
import com.commentshield.common.TemporarilyUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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

  /** After a spool file could not be read or moved: the earliest System.nanoTime() to try again. */
  private long spoolRetryAt = System.nanoTime();

  private volatile boolean databaseReachable = true;
  private volatile OffsetDateTime unreachableSince;
  private volatile String lastDatabaseError;
  private long retryDelayNanos = TimeUnit.MILLISECONDS.toNanos(500);

  private final Event<ItemsQueued> queued;
  private final QueueRows rows;
  private final Counter deadLetteredTotal;
  private final DistributionSummary commitItems;

  public QueueWriter(
      CommentShieldConfig config,
      MeterRegistry meters,
      Event<ItemsQueued> queued,
      DataSource dataSource) {
    this.queued = queued;
    this.rows = new QueueRows(dataSource);
    this.spoolDir = Path.of(config.dataDir()).toAbsolutePath().resolve("spool");
    this.meters = meters;
    this.spooledTotal =
        Counter.builder("commentshield.queue.spooled.items")
            .description(
                "Flagged items that went to the local spool because the database was unreachable")
            .register(meters);
    this.commitItems =
        DistributionSummary.builder("commentshield.queue.commit.items")
            .description(
                "Flagged items per queue transaction (group commit): the more, the less each costs")
            .register(meters);
    this.deadLetteredTotal =
        Counter.builder("commentshield.queue.spool.dead.letters")
            .description(
                "Spooled items the database refused for a reason other than being unreachable,"
                    + " set aside in the spool's dead-letter folder for an operator")
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
    if (spool.deadLetterCount() > 0) {
      LOG.warnf(
          "%d spooled items the database refused wait in %s for an operator",
          spool.deadLetterCount(), spool.deadLetterDirectory());
    }
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
    Waiting w = Waiting.of(item);
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

  /**
   * Stores these items as one group on the caller's thread, as the writer stores what waits for it:
   * for tests of a group the database refuses in part.
   */
  List<CompletableFuture<Long>> storeAsOneGroup(List<FlaggedItem> items) {
    List<Waiting> batch = items.stream().map(Waiting::of).toList();
    store(batch, false);
    return batch.stream().map(Waiting::stored).toList();
  }

  /** Adds records to the spool as a database outage leaves them: for tests of moving the spool. */
  void addToSpool(List<QueueSpool.Record> records) throws IOException {
    synchronized (spool) {
      spool.append(records);
    }
  }

  /** The state of the queue's storage, for the health check. */
  public Status status() {
    return new Status(
        databaseReachable,
        unreachableSince,
        lastDatabaseError,
        spool.count(),
        waiting.size(),
        spool.deadLetterCount());
  }

  /**
   * @param databaseReachable whether the last write reached the database
   * @param unreachableSince when writes started failing, null while they succeed
   * @param lastError the kind of the last database failure, null while writes succeed
   * @param spooled items in the local spool
   * @param waiting items waiting for the next transaction
   * @param deadLetters spooled items the database refused, set aside for an operator
   */
  public record Status(
      boolean databaseReachable,
      OffsetDateTime unreachableSince,
      String lastError,
      long spooled,
      int waiting,
      long deadLetters) {}

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
          store(batch, false);
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

  /**
   * @param retry whether these items were part of a write that failed: its commit may have gone
   *     through with only the answer lost, so rows already there are found by their submission
   *     keys, not inserted again
   */
  private void store(List<Waiting> batch, boolean retry) {
    if (!databaseDue()) {
      spoolOrFail(batch);
      return;
    }
    try {
      insert(batch, retry);
      commitItems.record(batch.size());
      databaseAnswered();
    } catch (RuntimeException e) {
      if (DatabaseErrors.unreachable(e)) {
        databaseFailed(e);
        spoolOrFail(batch);
      } else if (batch.size() > 1) {
        // One bad item must not fail the others: give each its own transaction.
        for (Waiting w : batch) {
          store(List.of(w), true);
        }
      } else {
        LOG.error("The moderation queue refused an item", e);
        batch.getFirst().stored.completeExceptionally(e);
      }
    }
  }

  private void insert(List<Waiting> batch, boolean retry) {
    List<FlaggedItem> items = batch.stream().map(Waiting::item).toList();
    Map<String, Long> present = insertAbsent(items, retry);
    batch.forEach(w -> w.stored.complete(present.getOrDefault(w.item.submissionKey, w.item.id)));
  }

  /**
   * Inserts the items in one transaction; with {@code mayBeThere} (a write repeated after one whose
   * answer was lost, or after a crash between commit and spool clean-up) only those whose
   * submission key is not in the queue already.
   *
   * @return the ids of the rows found already there, by submission key
   */
  private Map<String, Long> insertAbsent(List<FlaggedItem> items, boolean mayBeThere) {
    Map<String, Long> present = new HashMap<>();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (mayBeThere) {
                  present.putAll(
                      rows.present(items.stream().map(item -> item.submissionKey).toList()));
                }
                List<FlaggedItem> absent =
                    items.stream()
                        .filter(item -> !present.containsKey(item.submissionKey))
                        .toList();
                if (!absent.isEmpty()) {
                  rows.insert(absent);
                  queued.fire(new ItemsQueued(absent));
                }
              });
    } catch (RuntimeException e) {
      // The ids of a failed attempt are never used again: a retry takes new ones.
      items.forEach(item -> item.id = null);
      throw e;
    }
    return present;
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
    if (spool.count() == 0 || !databaseDue() || System.nanoTime() - spoolRetryAt < 0) {
      return;
    }
    try {
      synchronized (spool) {
        spool.closeCurrent();
        for (Path file : spool.files()) {
          List<QueueSpool.Record> records = spool.read(file);
          for (int from = 0; from < records.size(); from += DRAIN_CHUNK) {
            moveIntoQueue(records.subList(from, Math.min(records.size(), from + DRAIN_CHUNK)));
          }
          spool.remove(file, records.size());
          LOG.infof("Moved %d spooled items into the moderation queue", records.size());
        }
      }
      databaseAnswered();
    } catch (IOException e) {
      // A spool problem, not a database one: the database's state stays as it is.
      LOG.errorf(
          e, "Could not move the spool in %s into the queue; trying again shortly", spoolDir);
      spoolRetryAt = System.nanoTime() + MAX_RETRY_DELAY_NANOS;
    } catch (RuntimeException e) {
      // Only an unreachable database reaches here: a record the database refuses is set aside.
      databaseFailed(e);
    }
  }

  /**
   * Inserts spooled records; when the database refuses a chunk for a reason other than being
   * unreachable, each record is tried alone and those it still refuses go to the dead letters, so
   * that one record can never hold back the others (nor make the database look unreachable).
   */
  private void moveIntoQueue(List<QueueSpool.Record> records) throws IOException {
    try {
      insertAbsent(records.stream().map(QueueSpool.Record::toItem).toList(), true);
    } catch (RuntimeException e) {
      if (DatabaseErrors.unreachable(e)) {
        throw e;
      }
      if (records.size() > 1) {
        for (QueueSpool.Record r : records) {
          moveIntoQueue(List.of(r));
        }
        return;
      }
      QueueSpool.Record refused = records.getFirst();
      spool.deadLetter(refused);
      deadLetteredTotal.increment();
      LOG.errorf(
          "The moderation queue refused spooled item %s (%s); it is kept in %s",
          refused.key(), rootMessage(e), spool.deadLetterDirectory());
    }
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

  private record Waiting(FlaggedItem item, CompletableFuture<Long> stored) {

    /** An item waiting for the writer, under a submission key of its own from now on. */
    static Waiting of(FlaggedItem item) {
      if (item.submissionKey == null) {
        item.submissionKey = UUID.randomUUID().toString();
      }
      return new Waiting(item, new CompletableFuture<>());
    }
  }
}
