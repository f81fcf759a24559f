package com.commentshield.coral;

import static com.commentshield.common.TestApi.problem;
import static com.commentshield.coral.CoralRequests.VECTOR_SECOND_SECRET;
import static com.commentshield.coral.CoralRequests.VECTOR_SECRET;
import static com.commentshield.moderation.QueueFixture.asAdmin;
import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Coral door with requests built and signed as Coral's external moderation phase builds them:
 * each decision answered in Coral's own terms, a rotated signature accepted, a bad one refused
 * before anything is classified, and the comment queued as the client its secret names.
 */
@QuarkusTest
class CoralDoorTest {

  /** The client the stored secrets act as. */
  private static final String LABEL = "coral-news";

  @BeforeEach
  void storeSecrets() {
    awaitModel();
    store(VECTOR_SECRET, LABEL);
  }

  @Test
  void reviewIsWithheldAndFlaggedAsSpamAndQueuedAsTheSecretsClient() {
    String host = uniqueHost();
    byte[] body = CoralRequests.newComment("Is this legit? COMMENTSHIELD-TEST-REVIEW", story(host));

    Response r = post(body, CoralRequests.signature(body, VECTOR_SECRET));

    assertEquals(200, r.statusCode(), r.asString());
    assertEquals(
        "{\"status\":\"SYSTEM_WITHHELD\",\"actions\":[{\"actionType\":\"FLAG\","
            + "\"reason\":\"COMMENT_DETECTED_SPAM\"}]}",
        r.asString());
    assertEquals("review", r.header("X-CommentShield-Decision"));
    long id = Long.parseLong(r.header("X-CommentShield-Id"));

    // the queue holds it, filed under the story's host, with Coral's user id as the author
    asModerator()
        .get("/moderation/items/{id}", id)
        .then()
        .statusCode(200)
        .body("site", equalTo(host))
        .body("permalink", equalTo(story(host)))
        .body("type", equalTo("comment"))
        .body("author.name", equalTo("baf4e943-3594-4fcc-b2ba-3e8de7a76352"))
        .body("content", equalTo("Is this legit? COMMENTSHIELD-TEST-REVIEW"));

    // as the client the secret names: an API key with that label reads its verdict in the feed
    String key =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(Map.of("label", LABEL, "length", 32))
            .post("/admin/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    asModerator()
        .contentType(ContentType.JSON)
        .body(Map.of("label", "spam"))
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(200);
    awaitInFeed(key, id);
  }

  @Test
  void blockIsRejectedWithSpamAsTheReason() {
    byte[] body =
        CoralRequests.newComment("cheap pills COMMENTSHIELD-TEST-BLOCK", story(uniqueHost()));

    JsonPath answer =
        post(body, CoralRequests.signature(body, VECTOR_SECRET))
            .then()
            .statusCode(200)
            .header("X-CommentShield-Decision", "block")
            .extract()
            .jsonPath();

    assertEquals("REJECTED", answer.getString("status"));
    assertEquals("FLAG", answer.getString("actions[0].actionType"));
    assertEquals("COMMENT_DETECTED_SPAM", answer.getString("actions[0].reason"));
    assertEquals("REJECTED", answer.getString("moderationAction.status"));
    assertEquals("SPAM", answer.getString("moderationAction.rejectionReason.code"));
  }

  @Test
  void allowIsNoOpinionAndNotQueued() {
    String host = uniqueHost();
    byte[] body =
        CoralRequests.newComment("Thanks, a good read. COMMENTSHIELD-TEST-ALLOW", story(host));

    Response r = post(body, CoralRequests.signature(body, VECTOR_SECRET));

    assertEquals(204, r.statusCode());
    assertEquals("", r.asString());
    assertEquals(0, queuedOn(host));
  }

  @Test
  void aSignatureFromARotationIsAccepted() {
    // Coral rotates: it signs with the old secret (not stored here) and the new one (stored)
    store(VECTOR_SECOND_SECRET, LABEL);
    String old = "empsec_" + "9".repeat(64);
    byte[] body =
        CoralRequests.newComment("rotation COMMENTSHIELD-TEST-REVIEW", story(uniqueHost()));

    Response r = post(body, CoralRequests.signature(body, old, VECTOR_SECOND_SECRET));

    assertEquals(200, r.statusCode(), r.asString());
    assertEquals("review", r.header("X-CommentShield-Decision"));
  }

  @Test
  void aBadSignatureIsRefusedAndNothingIsClassified() {
    String host = uniqueHost();
    byte[] body = CoralRequests.newComment("unsigned COMMENTSHIELD-TEST-REVIEW", story(host));
    String wrongSecret = "empsec_" + "0".repeat(64);

    post(body, CoralRequests.signature(body, wrongSecret))
        .then()
        .spec(problem(401))
        .header("WWW-Authenticate", startsWith("CoralSignature"));
    // no signature at all
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/coral/moderate")
        .then()
        .spec(problem(401));
    // the right signature over another body: one byte changed
    byte[] tampered = body.clone();
    tampered[tampered.length - 3] ^= 1;
    post(tampered, CoralRequests.signature(body, VECTOR_SECRET)).then().spec(problem(401));

    assertEquals(0, queuedOn(host), "a refused request was queued");
  }

  @Test
  void theTestVectorGetsTheSameDecisionAsClassify() {
    byte[] body = CoralRequests.vector();
    Response coral = post(body, CoralRequests.signature(body, VECTOR_SECRET));
    assertTrue(coral.statusCode() == 200 || coral.statusCode() == 204, coral.asString());

    String decision =
        given()
            .header("X-Api-Key", "test-key-1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "content",
                    "Great article! Cheap watches at https://spam.example/deal",
                    "context",
                    Map.of("permalink", "https://news.example.com/2026/12/a-story/")))
            .post("/classify")
            .then()
            .statusCode(200)
            .extract()
            .path("decision");
    assertEquals(decision, coral.header("X-CommentShield-Decision"));
    assertEquals(
        switch (decision) {
          case "allow" -> 204;
          default -> 200;
        },
        coral.statusCode());
  }

  @Test
  void repliesOldTenantFieldsAndHtmlBodiesAreRead() {
    String host = uniqueHost();
    var request =
        CoralRequests.request(
            "EDIT",
            "<p>Best deals <a href=\"https://deals.example/x\">here</a> &amp; more</p>"
                + " COMMENTSHIELD-TEST-REVIEW",
            "0c6e4f25-reply-parent",
            "author-7",
            story(host),
            "site-1",
            null,
            null);
    // an install from before 2021 sends tenant: {id, domain} instead of tenantID and tenantDomain
    request.remove("tenantID");
    request.remove("tenantDomain");
    request.put("tenant", new java.util.LinkedHashMap<>(Map.of("id", "t-1")));
    byte[] body = CoralRequests.bytes(request);

    Response r = post(body, CoralRequests.signature(body, VECTOR_SECRET));

    assertEquals(200, r.statusCode(), r.asString());
    asModerator()
        .get("/moderation/items/{id}", Long.parseLong(r.header("X-CommentShield-Id")))
        .then()
        .body("type", equalTo("reply"))
        .body(
            "content",
            equalTo("Best deals here https://deals.example/x & more\n COMMENTSHIELD-TEST-REVIEW"));
  }

  @Test
  void aSignedRequestThatIsNotCoralsShapeIsABadRequestNamingTheField() {
    byte[] notJson = "{\"comment\":".getBytes();
    post(notJson, CoralRequests.signature(notJson, VECTOR_SECRET)).then().spec(problem(400));

    byte[] noBody = CoralRequests.bytes(Map.of("comment", Map.of("parentID", "x")));
    post(noBody, CoralRequests.signature(noBody, VECTOR_SECRET))
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("comment.body"));

    var wrongType =
        CoralRequests.request("NEW", "hi", null, "a", "https://x.example/", "s", "t", "d");
    wrongType.put("story", Map.of("url", 42));
    byte[] wrong = CoralRequests.bytes(wrongType);
    post(wrong, CoralRequests.signature(wrong, VECTOR_SECRET))
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("story.url"));
  }

  @Test
  void secretsAreManagedByAdminsAndNeverShown() {
    String secret = "empsec_" + UUID.randomUUID().toString().replace("-", "");
    int id =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(Map.of("secret", secret))
            .post("/admin/coral/secrets")
            .then()
            .statusCode(201)
            .body("clientLabel", equalTo("coral"))
            .body("hint", equalTo("empsec_…" + secret.substring(secret.length() - 4)))
            .extract()
            .path("id");
    asAdmin()
        .contentType(ContentType.JSON)
        .body(Map.of("secret", secret))
        .post("/admin/coral/secrets")
        .then()
        .spec(problem(409));
    asAdmin()
        .get("/admin/coral/secrets")
        .then()
        .statusCode(200)
        .body("id", hasItem(id))
        .body(not(org.hamcrest.Matchers.containsString(secret)));

    byte[] body = CoralRequests.newComment("x COMMENTSHIELD-TEST-ALLOW", story(uniqueHost()));
    assertEquals(204, post(body, CoralRequests.signature(body, secret)).statusCode());
    asAdmin().delete("/admin/coral/secrets/{id}", id).then().statusCode(204);
    post(body, CoralRequests.signature(body, secret)).then().spec(problem(401));

    asAdmin()
        .contentType(ContentType.JSON)
        .body(Map.of("secret", "short"))
        .post("/admin/coral/secrets")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("secret"));
    asModerator().get("/admin/coral/secrets").then().statusCode(403);
  }

  private static void store(String secret, String label) {
    int status =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(Map.of("secret", secret, "clientLabel", label))
            .post("/admin/coral/secrets")
            .statusCode();
    assertTrue(status == 201 || status == 409, "storing a secret answered " + status);
  }

  private static Response post(byte[] body, String signature) {
    return given()
        .header("Content-Type", "application/json")
        .header("User-Agent", "Coral Moderation/9.0.0")
        .header("X-Coral-Signature", signature)
        .body(body)
        .post("/coral/moderate");
  }

  private static String uniqueHost() {
    return "news-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  private static String story(String host) {
    return "https://" + host + "/2026/12/a-story/";
  }

  private static int queuedOn(String site) {
    return asModerator()
        .queryParam("site", site)
        .get("/moderation/items")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  private static void awaitInFeed(String key, long itemId) {
    for (int round = 0; round < 100; round++) {
      JsonPath page =
          given()
              .header("X-Api-Key", key)
              .queryParam("limit", 500)
              .get("/classify/verdicts")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (page.getList("verdicts.item.id", Number.class).stream()
          .anyMatch(n -> n.longValue() == itemId)) {
        assertEquals(
            LABEL,
            page.getString("verdicts.find { it.item.id == " + itemId + " }.item.clientLabel"));
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the verdict on " + itemId + " never reached " + LABEL + "'s feed");
  }
}
