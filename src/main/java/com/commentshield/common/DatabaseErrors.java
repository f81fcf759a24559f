package com.commentshield.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/** Tells a database that cannot be reached from a request the database refused. */
public final class DatabaseErrors {

  private DatabaseErrors() {}

  /**
   * Whether {@code failure} means the database could not be reached (refused, dropped or timed out
   * connections), as opposed to a statement it rejected.
   */
  public static boolean unreachable(Throwable failure) {
    // The transaction manager reports a failed commit as a RollbackException that carries the
    // driver's exception as a suppressed one rather than as its cause: both are followed.
    Deque<Throwable> toSee = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    toSee.add(failure);
    while (!toSee.isEmpty()) {
      Throwable t = toSee.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getCause() != null) {
        toSee.add(t.getCause());
      }
      toSee.addAll(List.of(t.getSuppressed()));
      if (t instanceof JDBCConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        if (connectionLost(sql.getSQLState())) {
          return true;
        }
        // The connection pool's own timeout when no connection can be opened.
        if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * SQLSTATEs of a connection that is gone or cannot be had, whoever closed it: class 08
   * (connection exception) in every standard-following driver; PostgreSQL's operator intervention
   * states 57P01 (admin shutdown: the server stopping "fast", or the backend terminated), 57P02
   * (crash shutdown), 57P03 (cannot connect now: starting or stopping) and 57P05 (idle session
   * timeout); H2's 90067 (connection broken), 90098 (database closed) and 90121 (closed at JVM
   * shutdown).
   */
  static boolean connectionLost(String sqlState) {
    if (sqlState == null) {
      return false;
    }
    return sqlState.startsWith("08")
        || sqlState.equals("57P01")
        || sqlState.equals("57P02")
        || sqlState.equals("57P03")
        || sqlState.equals("57P05")
        || sqlState.equals("90067")
        || sqlState.equals("90098")
        || sqlState.equals("90121");
  }
}
