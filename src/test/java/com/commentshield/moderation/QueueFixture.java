package com.commentshield.moderation;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Creates queued items through the public API, so tests depend on no data but their own. */
public final class QueueFixture {

  public static final String API_KEY = "test-key-1";
  public static final String OTHER_API_KEY = "test-key-2";
  public static final String ADMIN_PASSWORD = "admin-test-password";
  public static final String MODERATOR_PASSWORD = "moderator-test-password";

  private QueueFixture() {}

  public static RequestSpecification asModerator() {
    return given().auth().preemptive().basic("moderator", MODERATOR_PASSWORD);
  }

  public static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
  }

  public static String uniqueSite() {
    return "site-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  /** Waits until the default model, trained in the background at start-up, is serving. */
  public static void awaitModel() {
    long deadline = System.currentTimeMillis() + 120_000;
    while (given().get("/q/health/ready").statusCode() != 200) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the model did not load within two minutes");
      } else {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Posts a comment that the canary string sends to {@code decision}; returns its queue id. */
  public static long queue(String site, String decision, String text) {
    return queue(API_KEY, site, decision, text, null);
  }

  public static long queue(
      String apiKey, String site, String decision, String text, String externalId) {
    return queue(apiKey, site, decision, text, externalId, "Poster", "poster@mail.example");
  }

  /** Like {@link #queue(String, String, String)} from an author of the test's own. */
  public static long queueBy(
      String site, String decision, String text, String authorName, String authorEmail) {
    return queue(API_KEY, site, decision, text, null, authorName, authorEmail);
  }

  private static long queue(
      String apiKey,
      String site,
      String decision,
      String text,
      String externalId,
      String authorName,
      String authorEmail) {
    awaitModel();
    Map<String, Object> author = new java.util.HashMap<>();
    author.put("name", authorName);
    if (authorEmail != null) {
      author.put("email", authorEmail);
    }
    author.put("url", "https://poster.example");
    Map<String, Object> body =
        new java.util.HashMap<>(
            Map.of(
                "content",
                text + " COMMENTSHIELD-TEST-" + decision.toUpperCase(),
                "author",
                author,
                "context",
                Map.of(
                    "site",
                    site,
                    "ip",
                    "203.0.113.7",
                    "userAgent",
                    "TestAgent/1.0",
                    "permalink",
                    "https://" + site + "/post/1",
                    "type",
                    "comment")));
    if (externalId != null) {
      body.put("externalId", externalId);
    }
    Number id =
        given()
            .header("X-Api-Key", apiKey)
            .contentType(ContentType.JSON)
            .body(body)
            .when()
            .post("/classify")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    if (id == null) {
      throw new AssertionError("a " + decision + " decision should have been queued");
    }
    return id.longValue();
  }

  /** A pending item as the queue writer receives it, for tests that store items directly. */
  public static FlaggedItem pendingItem(String site, String content, String decision) {
    FlaggedItem item = new FlaggedItem();
    item.receivedAt = OffsetDateTime.now();
    item.client = "test";
    item.site = site;
    item.content = content;
    item.decision = decision;
    item.status = FlaggedItem.PENDING;
    return item;
  }
}
