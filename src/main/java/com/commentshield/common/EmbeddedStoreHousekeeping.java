package com.commentshield.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.jboss.logging.Logger;

/**
 * Compacts the embedded H2 store while the service runs; does nothing on PostgreSQL.
 *
 * <p>Every commit must be on disk before its answer ({@code WRITE_DELAY=0}), and with that setting
 * H2 starts no background thread, the thread that would otherwise also compact the store. Each
 * commit writes a chunk; a chunk that keeps even one live page stays in the file and in memory, and
 * under sustained queueing nearly every chunk does, since the queue's rows are only ever appended
 * and each filled page of them stays where the commit that filled it wrote it. A soak at 850
 * flagged comments a second saw the file grow by 650 MiB a minute, and the live heap with the
 * chunks' bookkeeping. Four times a second this moves the live pages of old, mostly dead chunks
 * into the next commit, as H2's own housekeeping would, so the old chunks can be dropped and their
 * space reused.
 */
@ApplicationScoped
public class EmbeddedStoreHousekeeping {

  /** Compact while less than this share (percent) of the chunks' bytes is live. */
  static final int TARGET_FILL_RATE = 80;

  /**
   * At most this many live bytes moved per run: a run holds H2's store lock, so commits wait for
   * it. Small runs often (4 MiB a second in all) kept the latency of queued comments lower under
   * load than one large run a second, and keep up with thousands of queued comments a second.
   */
  static final int MAX_BYTES_PER_RUN = 1 << 20;

  static final long PERIOD_MILLIS = 250;

  /** The first run waits until the start-up work on the database is done. */
  static final long FIRST_RUN_AFTER_MILLIS = 10_000;

  private static final Logger LOG = Logger.getLogger(EmbeddedStoreHousekeeping.class);

  private final AgroalDataSource dataSource;
  private volatile boolean stopping;
  private Thread thread;

  public EmbeddedStoreHousekeeping(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  void onStart(@Observes StartupEvent event) {
    thread = Thread.ofPlatform().name("store-housekeeping").daemon(true).start(this::run);
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void run() {
    try {
      TimeUnit.MILLISECONDS.sleep(FIRST_RUN_AFTER_MILLIS);
      while (!stopping && compact()) {
        TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One run; false when there is nothing to keep (not an embedded H2 database). */
  boolean compact() {
    try (Connection connection = dataSource.getConnection()) {
      Optional<FileStore<?>> store = fileStore(connection);
      if (store.isEmpty()) {
        return false;
      }
      store.get().compact(TARGET_FILL_RATE, MAX_BYTES_PER_RUN);
    } catch (SQLException | RuntimeException e) {
      // A run that fails (the database closing, a lock not had) is simply the next run's work.
      if (!stopping) {
        LOG.debug("Store housekeeping skipped", e);
      }
    }
    return true;
  }

  /** The file store of an embedded H2 connection; empty for any other database. */
  static Optional<FileStore<?>> fileStore(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return Optional.empty();
    }
    if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return Optional.empty(); // a client of an H2 server: the server keeps its own house
    }
    return Optional.ofNullable(session.getDatabase().getStore().getMvStore().getFileStore());
  }
}
