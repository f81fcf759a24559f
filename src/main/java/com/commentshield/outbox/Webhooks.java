package com.commentshield.outbox;

import com.commentshield.common.ClientProblem;
import com.commentshield.common.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The webhooks admins register, and their delivery log. A webhook's secret is generated here and
 * answered once; it is kept as it is in the database, because signing needs the secret itself.
 */
@ApplicationScoped
public class Webhooks {

  /** Deliveries shown with each webhook in the listing. */
  static final int LAST_DELIVERIES = 5;

  private static final String DELIVERY_COLUMNS =
      "d.id, d.webhook_id, e.event_id, e.type, d.item_id, d.state, d.attempts, d.created_at,"
          + " d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.last_status, d.last_error,"
          + " d.last_duration_ms";

  private final DataSource dataSource;
  private final DeliveryWorker worker;

  public Webhooks(DataSource dataSource, DeliveryWorker worker) {
    this.dataSource = dataSource;
    this.worker = worker;
  }

  /** Registers a webhook; the answer holds its secret, which is never shown again. */
  @Transactional
  public WebhookDtos.CreatedWebhook create(WebhookDtos.NewWebhook request, String createdBy) {
    List<String> events = List.copyOf(new LinkedHashSet<>(request.events()));
    String url = request.url().strip();
    String label = request.clientLabel() == null ? null : request.clientLabel().strip();
    String format = request.format() == null ? WebhookFormat.COMMENTSHIELD.id() : request.format();
    String secret = "whsec_" + Tokens.random(40);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO webhook (url, events, client_label, secret, created_at, created_by,"
                    + " format, akismet_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, url);
      s.setString(2, String.join(",", events));
      s.setString(3, label);
      s.setString(4, secret);
      s.setObject(5, now);
      s.setString(6, createdBy);
      s.setString(7, format);
      s.setString(8, request.akismetKey() == null ? null : request.akismetKey().strip());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return new WebhookDtos.CreatedWebhook(
            keys.getLong(1), url, events, label, format, secret, now);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the webhook", e);
    }
  }

  @Transactional
  public List<WebhookDtos.Webhook> list() {
    try (Connection c = dataSource.getConnection()) {
      List<WebhookDtos.Webhook> hooks = new ArrayList<>();
      for (Row row : rows(c, null)) {
        hooks.add(withDeliveries(c, row));
      }
      return hooks;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the webhooks", e);
    }
  }

  @Transactional
  public Optional<WebhookDtos.Webhook> get(long id) {
    try (Connection c = dataSource.getConnection()) {
      List<Row> rows = rows(c, id);
      return rows.isEmpty() ? Optional.empty() : Optional.of(withDeliveries(c, rows.getFirst()));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the webhook", e);
    }
  }

  /**
   * Deletes a webhook: nothing more is sent to it (a send under way finishes), and its deliveries
   * go with it. Returns false when there is no such webhook.
   */
  @Transactional
  public boolean delete(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE webhook SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
      s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      s.setLong(2, id);
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("could not delete the webhook", e);
    }
  }

  /** A webhook's deliveries, newest first, optionally of one state, older than {@code before}. */
  @Transactional
  public WebhookDtos.DeliveryPage deliveries(long webhookId, String state, Long before, int limit) {
    try (Connection c = dataSource.getConnection()) {
      requireWebhook(c, webhookId);
      StringBuilder sql =
          new StringBuilder("SELECT ")
              .append(DELIVERY_COLUMNS)
              .append(" FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_pk")
              .append(" WHERE d.webhook_id = ?");
      if (state != null) {
        sql.append(" AND d.state = ?");
      }
      if (before != null) {
        sql.append(" AND d.id < ?");
      }
      sql.append(" ORDER BY d.id DESC LIMIT ").append(limit + 1);
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        int i = 1;
        s.setLong(i++, webhookId);
        if (state != null) {
          s.setString(i++, state);
        }
        if (before != null) {
          s.setLong(i, before);
        }
        List<WebhookDtos.Delivery> page = readDeliveries(s, false);
        Long next = null;
        if (page.size() > limit) {
          page = page.subList(0, limit);
          next = page.getLast().id();
        }
        return new WebhookDtos.DeliveryPage(List.copyOf(page), next);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the deliveries", e);
    }
  }

  /** One delivery with the body it sends. */
  @Transactional
  public WebhookDtos.Delivery delivery(long webhookId, long deliveryId) {
    try (Connection c = dataSource.getConnection()) {
      requireWebhook(c, webhookId);
      return findDelivery(c, webhookId, deliveryId)
          .orElseThrow(
              () ->
                  ClientProblem.notFound(
                      "webhook " + webhookId + " has no delivery with id " + deliveryId));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the delivery", e);
    }
  }

  /**
   * Sends a delivery again, whatever became of it before: it starts over as pending with a fresh
   * retry period and goes out as soon as a worker is free, even if the webhook was paused after
   * failures. 409 while it is being sent.
   */
  @Transactional
  public WebhookDtos.Delivery redeliver(long webhookId, long deliveryId) {
    try (Connection c = dataSource.getConnection()) {
      requireWebhook(c, webhookId);
      if (findDelivery(c, webhookId, deliveryId).isEmpty()) {
        throw ClientProblem.notFound(
            "webhook " + webhookId + " has no delivery with id " + deliveryId);
      }
      try (PreparedStatement lock =
          c.prepareStatement(
              "SELECT id FROM webhook_delivery WHERE id = ? FOR UPDATE SKIP LOCKED")) {
        lock.setLong(1, deliveryId);
        try (ResultSet r = lock.executeQuery()) {
          if (!r.next()) {
            throw ClientProblem.conflict(
                "delivery " + deliveryId + " is being sent right now; look again in a moment");
          }
        }
      }
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE webhook_delivery SET state = 'pending', attempts = 0, created_at = ?,"
                  + " next_attempt_at = ?, delivered_at = NULL WHERE id = ?")) {
        s.setObject(1, now);
        s.setObject(2, now);
        s.setLong(3, deliveryId);
        s.executeUpdate();
      }
      // An admin asking for it means "try now", also when the webhook is paused after failures
      // (if the receiver still fails, the pause comes back).
      try (PreparedStatement s =
          c.prepareStatement("UPDATE webhook SET paused_until = NULL WHERE id = ?")) {
        s.setLong(1, webhookId);
        s.executeUpdate();
      }
      WebhookDtos.Delivery delivery = findDelivery(c, webhookId, deliveryId).orElseThrow();
      worker.wake();
      return delivery;
    } catch (SQLException e) {
      throw new IllegalStateException("could not redeliver", e);
    }
  }

  private void requireWebhook(Connection c, long id) throws SQLException {
    if (rows(c, id).isEmpty()) {
      throw ClientProblem.notFound("no webhook with id " + id);
    }
  }

  private Optional<WebhookDtos.Delivery> findDelivery(Connection c, long webhookId, long id)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + DELIVERY_COLUMNS
                + ", e.payload FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_pk"
                + " WHERE d.id = ? AND d.webhook_id = ?")) {
      s.setLong(1, id);
      s.setLong(2, webhookId);
      List<WebhookDtos.Delivery> found = readDeliveries(s, true);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }
  }

  private static List<WebhookDtos.Delivery> readDeliveries(PreparedStatement s, boolean payload)
      throws SQLException {
    List<WebhookDtos.Delivery> deliveries = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        deliveries.add(
            new WebhookDtos.Delivery(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                r.getString(4),
                r.getLong(5),
                r.getString(6),
                r.getInt(7),
                r.getObject(8, OffsetDateTime.class),
                r.getObject(9, OffsetDateTime.class),
                "pending".equals(r.getString(6)) ? r.getObject(10, OffsetDateTime.class) : null,
                r.getObject(11, OffsetDateTime.class),
                (Integer) r.getObject(12, Integer.class),
                r.getString(13),
                (Integer) r.getObject(14, Integer.class),
                payload ? r.getString(15) : null));
      }
    }
    return deliveries;
  }

  private WebhookDtos.Webhook withDeliveries(Connection c, Row row) throws SQLException {
    long pending;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COUNT(*) FROM webhook_delivery WHERE webhook_id = ? AND state = 'pending'")) {
      s.setLong(1, row.id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        pending = r.getLong(1);
      }
    }
    List<WebhookDtos.Delivery> last;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + DELIVERY_COLUMNS
                + " FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_pk"
                + " WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT "
                + LAST_DELIVERIES)) {
      s.setLong(1, row.id);
      last = readDeliveries(s, false);
    }
    return new WebhookDtos.Webhook(
        row.id,
        row.url,
        row.events,
        row.clientLabel,
        row.format,
        row.createdAt,
        row.createdBy,
        pending,
        row.failingSince,
        row.consecutiveFailures,
        row.pausedUntil,
        last);
  }

  private static List<Row> rows(Connection c, Long id) throws SQLException {
    String sql =
        "SELECT id, url, events, client_label, created_at, created_by, failing_since,"
            + " consecutive_failures, paused_until, format FROM webhook WHERE deleted_at IS NULL"
            + (id == null ? "" : " AND id = ?")
            + " ORDER BY id";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (id != null) {
        s.setLong(1, id);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(
              new Row(
                  r.getLong(1),
                  r.getString(2),
                  List.of(r.getString(3).split(",")),
                  r.getString(4),
                  r.getObject(5, OffsetDateTime.class),
                  r.getString(6),
                  r.getObject(7, OffsetDateTime.class),
                  r.getInt(8),
                  r.getObject(9, OffsetDateTime.class),
                  r.getString(10)));
        }
      }
      return rows;
    }
  }

  private record Row(
      long id,
      String url,
      List<String> events,
      String clientLabel,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime failingSince,
      int consecutiveFailures,
      OffsetDateTime pausedUntil,
      String format) {}
}
