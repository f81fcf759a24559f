package com.commentshield.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a webhook's deliveries look like.
 *
 * <ul>
 *   <li>{@code commentshield}: the event as stored ({@link EventBody}), for receivers written for
 *       CommentShield.
 *   <li>{@code akismet}: the body the WordPress Akismet plugin's own webhook takes ({@code POST
 *       /wp-json/akismet/v1/webhook}, which Akismet's servers call to revise a decision): {@code
 *       {"key", "endpoint":"comment-check", "comments":[{"guid","result"}]}}. The plugin finds the
 *       comment by the guid comment-check answered (CommentShield's Akismet door queues the item
 *       under it as its externalId) and, when the plugin itself put it where it is, moves it: a
 *       {@code "false"} (ham) takes it out of spam, a {@code "true"} puts it in. The site's Akismet
 *       key authorises the call. (Read in the plugin's class.akismet-rest-api.php, {@code
 *       receive_webhook}, and class.akismet.php.)
 * </ul>
 */
public enum WebhookFormat {
  COMMENTSHIELD("commentshield"),
  AKISMET("akismet");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;

  WebhookFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<WebhookFormat> fromId(String id) {
    for (WebhookFormat f : values()) {
      if (f.id.equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The body to send for a stored event. */
  String body(String payload, String akismetKey) {
    if (this == COMMENTSHIELD) {
      return payload;
    }
    try {
      JsonNode item = JSON.readTree(payload).path("item");
      ObjectNode body = JSON.createObjectNode();
      body.put("key", akismetKey);
      body.put("endpoint", "comment-check");
      boolean spam = "spam".equals(item.path("label").asText());
      ArrayNode comments = body.putArray("comments");
      // The plugin takes a comment it had put in spam out to Pending on a first "false", and
      // approves one it left in Pending on a second (if WordPress's own rules, check_comment,
      // allow): ham is sent twice so that a ham verdict ends where those rules put the comment.
      for (int i = 0; i < (spam ? 1 : 2); i++) {
        ObjectNode comment = comments.addObject();
        comment.set("guid", item.path("externalId"));
        comment.put("result", spam ? "true" : "false");
      }
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored event is not JSON", e);
    }
  }
}
