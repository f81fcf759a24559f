package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.examples.LabeledExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModerationQueueTest {

  @Test
  void flaggedCommentIsStoredWithEverythingModeratorsNeed() {
    // Given a comment that is held for review
    String site = uniqueSite();
    long id = queue(site, "review", "Visit my page for cheap followers");

    // When a moderator fetches it
    asModerator()
        .when()
        .get("/moderation/items/{id}", id)
        .then()
        // Then every stored field is there
        .statusCode(200)
        .body("id", equalTo((int) id))
        .body("site", equalTo(site))
        .body("content", equalTo("Visit my page for cheap followers COMMENTSHIELD-TEST-REVIEW"))
        .body("author.name", equalTo("Poster"))
        .body("author.email", equalTo("poster@mail.example"))
        .body("author.url", equalTo("https://poster.example"))
        .body("ip", equalTo("203.0.113.7"))
        .body("userAgent", equalTo("TestAgent/1.0"))
        .body("type", equalTo("comment"))
        .body("decision", equalTo("review"))
        .body("status", equalTo("pending"))
        .body("modelVersion", notNullValue())
        .body("spamProbability", notNullValue())
        .body("receivedAt", notNullValue())
        .body("reasons", hasSize(1))
        .body("verdict", nullValue());
  }

  @Test
  void allowedCommentIsNotQueued() {
    given()
        .header("X-Api-Key", QueueFixture.API_KEY)
        .contentType(ContentType.JSON)
        .body("{\"content\":\"Thanks COMMENTSHIELD-TEST-ALLOW\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", equalTo("allow"))
        .body("id", nullValue());
  }

  @Test
  void verdictResolvesTheItemAndBecomesALabeledExample() {
    long id = queue(uniqueSite(), "block", "cheap pills here");

    asModerator()
        .contentType(ContentType.JSON)
        .body("{\"label\":\"spam\",\"note\":\"pharmacy\"}")
        .when()
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("resolved"))
        .body("verdict", equalTo("spam"))
        .body("decidedBy", equalTo("moderator"))
        .body("note", equalTo("pharmacy"))
        .body("decidedAt", notNullValue());

    LabeledExample example =
        QuarkusTransaction.requiringNew().call(() -> LabeledExample.forItem(id).orElseThrow());
    assertEquals("spam", example.label);
    assertEquals("moderator", example.source);
    assertTrue(example.content.startsWith("cheap pills here"));
  }

  @Test
  void changingAVerdictKeepsTheHistoryAndRelabelsTheExample() {
    long id = queue(uniqueSite(), "review", "is this spam or not");
    asModerator()
        .contentType(ContentType.JSON)
        .body("{\"label\":\"spam\"}")
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(200);

    QueueFixture.asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"label\":\"ham\",\"note\":\"a real reader\"}")
        .when()
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(200)
        .body("verdict", equalTo("ham"))
        .body("history", hasSize(2))
        .body("history[0].label", equalTo("spam"))
        .body("history[0].decidedBy", equalTo("moderator"))
        .body("history[1].label", equalTo("ham"))
        .body("history[1].decidedBy", equalTo("admin"));

    long examples =
        QuarkusTransaction.requiringNew().call(() -> LabeledExample.count("itemId", id));
    assertEquals(1, examples, "one example per item, carrying its latest verdict");
    String label =
        QuarkusTransaction.requiringNew()
            .call(() -> LabeledExample.forItem(id).orElseThrow().label);
    assertEquals("ham", label);
  }

  @Test
  void unknownItemIsA404Problem() {
    asModerator()
        .when()
        .get("/moderation/items/{id}", 987654321L)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no queued item with id 987654321"));
  }

  @Test
  void verdictWithoutALabelIsRejectedAndNothingChanges() {
    long id = queue(uniqueSite(), "review", "needs a label");
    asModerator()
        .contentType(ContentType.JSON)
        .body("{\"label\":\"maybe\"}")
        .when()
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    asModerator().get("/moderation/items/{id}", id).then().body("status", equalTo("pending"));
  }
}
