package com.commentshield.outbox;

import com.commentshield.moderation.FlaggedItem;
import com.commentshield.moderation.ItemJudged;
import com.commentshield.moderation.ItemsQueued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes an outbox row for every item queued and every verdict, inside the transaction that queued
 * or judged it: the event commits or rolls back with its cause, so nothing acknowledged goes
 * unannounced and nothing rolled back is announced.
 *
 * <p>Queueing a flagged comment is the service's hot path, so the rows of one {@link ItemsQueued}
 * go in one JDBC batch on the transaction's own connection, with no read and no further round trip.
 * Delivery happens later, on other threads ({@link OutboxDispatcher}, {@link DeliveryWorker}).
 */
@ApplicationScoped
public class OutboxWriter {

  static final String INSERT =
      "INSERT INTO outbox_event (event_id, type, item_id, client, created_at, payload)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;
  private final EntityManager entities;
  private final OutboxDispatcher dispatcher;

  public OutboxWriter(DataSource dataSource, EntityManager entities, OutboxDispatcher dispatcher) {
    this.dataSource = dataSource;
    this.entities = entities;
    this.dispatcher = dispatcher;
  }

  void onQueued(@Observes ItemsQueued queued) {
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>(queued.items().size());
    for (FlaggedItem item : queued.items()) {
      rows.add(Row.of(EventBody.queued(item, now), item, now));
    }
    insert(rows);
  }

  void onJudged(@Observes ItemJudged judged) {
    // Take the item's row lock (by writing the verdict now rather than at commit) before the event
    // gets its id: two verdicts on one item then get event ids in the order they commit, which is
    // the order receivers must see them in.
    entities.flush();
    Instant now = Instant.now();
    FlaggedItem item = judged.item();
    EventBody body =
        EventBody.judged(item, judged.label().id(), judged.decidedBy(), judged.decidedAt(), now);
    insert(List.of(Row.of(body, item, now)));
  }

  /** Once the events are committed, the dispatcher publishes them without waiting for its poll. */
  void afterQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ItemsQueued queued) {
    dispatcher.wake();
  }

  void afterJudged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ItemJudged judged) {
    dispatcher.wake();
  }

  private void insert(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    // Inside a transaction the pool hands out the connection enlisted in it: the same one that
    // inserted the items, so these rows commit with them.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (Row row : rows) {
        insert.setString(1, row.body.id());
        insert.setString(2, row.body.type());
        insert.setLong(3, row.itemId);
        if (row.client == null) {
          insert.setNull(4, Types.VARCHAR);
        } else {
          insert.setString(4, row.client);
        }
        insert.setObject(5, row.createdAt);
        insert.setString(6, row.body.toJson());
        if (rows.size() > 1) {
          insert.addBatch();
        }
      }
      if (rows.size() > 1) {
        insert.executeBatch();
      } else {
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not write to the outbox", e);
    }
  }

  private record Row(EventBody body, long itemId, String client, OffsetDateTime createdAt) {
    static Row of(EventBody body, FlaggedItem item, Instant at) {
      if (item.id == null) {
        throw new IllegalStateException("an item was announced before it had its queue id");
      }
      return new Row(body, item.id, item.client, at.atOffset(ZoneOffset.UTC));
    }
  }
}
