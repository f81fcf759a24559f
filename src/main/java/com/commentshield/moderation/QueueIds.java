package com.commentshield.moderation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Queue ids taken ahead from {@code flagged_item_seq}, a block of {@value #BLOCK} per call of the
 * sequence, so that a group of items can be inserted as one JDBC batch with one sequence call per
 * 50 items. A value v of the sequence reserves v-49..v, as Hibernate's pooled optimizer reads it
 * (the entity draws from the same sequence). Ids only ever go up: an id handed to an insert that
 * failed is never handed out again, and a sequence value is never given back by a rollback.
 */
final class QueueIds {

  /** Ids per value of the sequence (its INCREMENT BY). */
  static final int BLOCK = 50;

  private long next = 1;
  private long last = 0;

  /** The next unused id, calling the sequence on {@code connection} when the block is used up. */
  synchronized long next(Connection connection) throws SQLException {
    if (next > last) {
      try (PreparedStatement call =
              connection.prepareStatement("SELECT nextval('flagged_item_seq')");
          ResultSet value = call.executeQuery()) {
        value.next();
        last = value.getLong(1);
        next = last - BLOCK + 1;
      }
    }
    return next++;
  }
}
