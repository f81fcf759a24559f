package com.commentshield.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The verdicts a client can poll for: the {@code item.judged} events of the items it queued, in the
 * order they were published. The cursor is the publication number of the last event read ({@code
 * seq}), which only grows and is given out after the event committed (see {@link
 * OutboxDispatcher}): a client that keeps its cursor misses no verdict and sees each once, also
 * across instances. A verdict appears in the feed within a second or so of being given.
 */
@ApplicationScoped
public class VerdictFeed {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public VerdictFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Up to {@code limit} verdicts of {@code client} published after {@code after}, oldest first.
   *
   * @param after the cursor of the last page, 0 for the oldest kept verdict
   */
  @Transactional
  public WebhookDtos.FeedPage page(String client, long after, int limit) {
    List<JsonNode> verdicts = new ArrayList<>();
    long last = after;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT seq, payload FROM outbox_event WHERE client = ? AND type = ?"
                    + " AND seq > ? ORDER BY seq LIMIT ?")) {
      s.setString(1, client);
      s.setString(2, EventType.ITEM_JUDGED.id());
      s.setLong(3, after);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          last = r.getLong(1);
          verdicts.add(JSON.readTree(r.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the verdict feed", e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored event is not JSON", e);
    }
    return new WebhookDtos.FeedPage(verdicts, Long.toString(last));
  }
}
