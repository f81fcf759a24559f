package com.commentshield.outbox;

import static com.commentshield.moderation.QueueFixture.asAdmin;
import static com.commentshield.moderation.QueueFixture.asModerator;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers webhooks through the admin API and removes them after each test. */
public final class WebhookFixture {

  /** A registered webhook: its id and its secret. */
  public record Registered(long id, String secret) {}

  private final List<Long> registered = new ArrayList<>();

  public Registered register(String url, List<String> events, String clientLabel) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("url", url, "events", events));
    if (clientLabel != null) {
      body.put("clientLabel", clientLabel);
    }
    JsonPath created =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/admin/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    long id = created.getLong("id");
    registered.add(id);
    return new Registered(id, created.getString("secret"));
  }

  public void deleteAll() {
    for (long id : registered) {
      asAdmin().delete("/admin/webhooks/{id}", id);
    }
    registered.clear();
  }

  public static void judge(long itemId, String label) {
    asModerator()
        .contentType(ContentType.JSON)
        .body(Map.of("label", label))
        .post("/moderation/items/{id}/verdict", itemId)
        .then()
        .statusCode(200);
  }

  public static JsonPath json(TestReceiver.Received r) {
    return JsonPath.from(r.bodyText());
  }

  /** Whether a request is the given event about the given item. */
  public static boolean about(TestReceiver.Received r, String event, long itemId) {
    return event.equals(r.event()) && json(r).getLong("item.id") == itemId;
  }
}
