package com.commentshield.akismet;

import static com.commentshield.akismet.AkismetFixture.asAdmin;
import static com.commentshield.akismet.AkismetFixture.comment;
import static com.commentshield.akismet.AkismetFixture.form;
import static com.commentshield.akismet.AkismetFixture.queueOf;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.outbox.TestReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * WordPress hears back: a verdict given in CommentShield's queue on a comment the Akismet plugin
 * checked is sent to the plugin's own webhook ({@code /wp-json/akismet/v1/webhook}), in the body
 * Akismet's servers send there: the site's key, {@code endpoint=comment-check} and the comment's
 * guid (the {@code X-akismet-guid} comment-check answered) with the new result.
 */
@QuarkusTest
class AkismetWebhookTest {

  @Test
  void aVerdictReachesTheWordPressPluginUnderTheGuidItKeeps() throws Exception {
    String label = "wp-" + UUID.randomUUID().toString().substring(0, 8);
    String key =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(Map.of("label", label))
            .post("/admin/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    try (TestReceiver wordpress = new TestReceiver()) {
      int webhook =
          asAdmin()
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      wordpress.url(),
                      "events",
                      List.of("item.judged"),
                      "clientLabel",
                      label,
                      "format",
                      "akismet",
                      "akismetKey",
                      key))
              .post("/admin/webhooks")
              .then()
              .statusCode(201)
              .body("format", equalTo("akismet"))
              .extract()
              .path("id");
      try {
        // Given a comment the plugin checked, held as spam by WordPress
        Map<String, String> fields =
            comment("Buy now COMMENTSHIELD-TEST-REVIEW " + UUID.randomUUID(), "api_key", key);
        var check = form().formParams(fields).post("/1.1/comment-check");
        assertEquals("true", check.asString());
        String guid = check.header("X-akismet-guid");
        int item = queueOf(fields).extract().path("items[0].id");

        // When a moderator finds it is not spam
        judge(item, "ham");

        // Then the plugin's webhook gets it back as ham, under the guid it stored
        TestReceiver.Received ham =
            wordpress.await(r -> r.bodyText().contains(guid), Duration.ofSeconds(30));
        JsonPath body = JsonPath.from(ham.bodyText());
        assertEquals(key, body.getString("key"));
        assertEquals("comment-check", body.getString("endpoint"));
        assertEquals(guid, body.getString("comments[0].guid"));
        assertEquals("false", body.getString("comments[0].result"));
        // twice: out of spam to Pending, then approved if WordPress's own rules allow
        assertEquals(body.getString("comments[0]"), body.getString("comments[1]"));
        assertEquals(2, body.getList("comments").size());
        assertEquals("item.judged", ham.event());

        // And a later change of mind as spam
        judge(item, "spam");
        TestReceiver.Received spam =
            wordpress.await(
                r -> r.bodyText().contains(guid) && r.bodyText().contains("\"result\":\"true\""),
                Duration.ofSeconds(30));
        assertEquals(1, JsonPath.from(spam.bodyText()).getList("comments").size());
      } finally {
        asAdmin().delete("/admin/webhooks/{id}", webhook);
      }
    }
  }

  @Test
  void theAkismetFormatNeedsTheKeyTheClientAndVerdictsOnly() {
    refused(
        Map.of(
            "url", "https://203.0.113.10/wp-json/akismet/v1/webhook",
            "events", List.of("item.judged"),
            "clientLabel", "my-blog",
            "format", "akismet"),
        "akismetKey");
    refused(
        Map.of(
            "url", "https://203.0.113.10/wp-json/akismet/v1/webhook",
            "events", List.of("item.judged"),
            "format", "akismet",
            "akismetKey", "abcdefghijkl"),
        "clientLabel");
    refused(
        Map.of(
            "url", "https://203.0.113.10/wp-json/akismet/v1/webhook",
            "events", List.of("item.queued", "item.judged"),
            "clientLabel", "my-blog",
            "format", "akismet",
            "akismetKey", "abcdefghijkl"),
        "events");
    refused(
        Map.of(
            "url", "https://203.0.113.10/hook",
            "events", List.of("item.judged"),
            "akismetKey", "abcdefghijkl"),
        "akismetKey");
    refused(
        Map.of(
            "url", "https://203.0.113.10/hook",
            "events", List.of("item.judged"),
            "format", "xml"),
        "format");
  }

  private static void refused(Map<String, Object> body, String field) {
    asAdmin()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/admin/webhooks")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo(field));
  }

  private static void judge(int item, String label) {
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .contentType(ContentType.JSON)
        .body(Map.of("label", label))
        .post("/moderation/items/{id}/verdict", item)
        .then()
        .statusCode(200);
  }
}
