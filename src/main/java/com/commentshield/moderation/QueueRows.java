package com.commentshield.moderation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The queue writer's SQL: new items go in as one JDBC batch on the connection of the surrounding
 * transaction, with ids taken ahead ({@link QueueIds}), without Hibernate's per-entity work. The
 * rest of the service reads and changes the rows through the {@link FlaggedItem} entity.
 */
final class QueueRows {

  private static final String INSERT =
      "INSERT INTO flagged_item (id, received_at, client, site, external_id, permalink,"
          + " comment_type, content, author_name, author_email, author_url, ip, user_agent,"
          + " spam_probability, decision, model_version, reasons, status, personal_data_erased,"
          + " submission_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;
  private final QueueIds ids = new QueueIds();

  QueueRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Gives each item a new id and inserts them all in one batch, inside the caller's transaction. On
   * failure the items are left without ids: a retry gives them new ones.
   */
  void insert(List<FlaggedItem> items) {
    // Inside a transaction the pool hands out the connection enlisted in it, so these rows commit
    // (or roll back) with whatever else the transaction writes, the outbox rows included.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (FlaggedItem item : items) {
        item.id = ids.next(connection);
        bind(insert, item);
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      items.forEach(item -> item.id = null);
      throw new QueueWriteException(e);
    } catch (RuntimeException e) {
      items.forEach(item -> item.id = null);
      throw e;
    }
  }

  /**
   * The ids of the rows already in the queue under these submission keys: committed by a write
   * whose answer was lost, or before a crash.
   */
  Map<String, Long> present(List<String> keys) {
    Map<String, Long> present = new HashMap<>();
    if (keys.isEmpty()) {
      return present;
    }
    String query =
        "SELECT submission_key, id FROM flagged_item WHERE submission_key IN ("
            + String.join(", ", Collections.nCopies(keys.size(), "?"))
            + ")";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(query)) {
      for (int i = 0; i < keys.size(); i++) {
        select.setString(i + 1, keys.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          present.put(rows.getString(1), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new QueueWriteException(e);
    }
    return present;
  }

  private static void bind(PreparedStatement insert, FlaggedItem item) throws SQLException {
    insert.setLong(1, item.id);
    insert.setObject(2, item.receivedAt);
    text(insert, 3, item.client);
    text(insert, 4, item.site);
    text(insert, 5, item.externalId);
    text(insert, 6, item.permalink);
    text(insert, 7, item.commentType);
    text(insert, 8, item.content);
    text(insert, 9, item.authorName);
    text(insert, 10, item.authorEmail);
    text(insert, 11, item.authorUrl);
    text(insert, 12, item.ip);
    text(insert, 13, item.userAgent);
    if (item.spamProbability == null) {
      insert.setNull(14, Types.DOUBLE);
    } else {
      insert.setDouble(14, item.spamProbability);
    }
    text(insert, 15, item.decision);
    if (item.modelVersion == null) {
      insert.setNull(16, Types.INTEGER);
    } else {
      insert.setInt(16, item.modelVersion);
    }
    text(insert, 17, item.reasons);
    text(insert, 18, item.status);
    insert.setBoolean(19, item.personalDataErased);
    text(insert, 20, item.submissionKey);
  }

  private static void text(PreparedStatement insert, int index, String value) throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.VARCHAR);
    } else {
      insert.setString(index, value);
    }
  }

  /** A failed queue write, with the driver's exception (and its SQLSTATE) as the cause. */
  static final class QueueWriteException extends RuntimeException {
    QueueWriteException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
