package com.commentshield.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/** Tells a database that cannot be reached from a request the database refused. */
public final class DatabaseErrors {

  private DatabaseErrors() {}

  /**
   * Whether {@code failure} means the database could not be reached (refused, dropped or timed out
   * connections), as opposed to a statement it rejected.
   */
  public static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JDBCConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        // SQLSTATE class 08 is "connection exception" in every standard-following driver.
        if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
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
}
