package com.commentshield.classify;

import static com.commentshield.moderation.QueueFixture.API_KEY;
import static com.commentshield.moderation.QueueFixture.OTHER_API_KEY;
import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.examples.LabeledExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedbackTest {

  @Test
  void falsePositiveReportedByIdResolvesTheItemAsHam() {
    long id = queue(uniqueSite(), "block", "my honest comment");

    given()
        .header("X-Api-Key", API_KEY)
        .contentType(ContentType.JSON)
        .body("{\"id\":" + id + ",\"label\":\"ham\"}")
        .when()
        .post("/feedback")
        .then()
        .statusCode(200)
        .body("itemId", equalTo((int) id))
        .body("exampleId", notNullValue());

    asModerator()
        .get("/moderation/items/{id}", id)
        .then()
        .body("status", equalTo("resolved"))
        .body("verdict", equalTo("ham"))
        .body("decidedBy", equalTo("client:configured-1"));
    String source =
        QuarkusTransaction.requiringNew()
            .call(() -> LabeledExample.forItem(id).orElseThrow().source);
    assertEquals("feedback", source);
  }

  @Test
  void reportByExternalIdFindsTheQueuedItem() {
    String externalId = "ext-" + UUID.randomUUID();
    long id = queue(API_KEY, uniqueSite(), "review", "maybe spam", externalId);

    given()
        .header("X-Api-Key", API_KEY)
        .contentType(ContentType.JSON)
        .body("{\"externalId\":\"" + externalId + "\",\"label\":\"spam\"}")
        .when()
        .post("/feedback")
        .then()
        .statusCode(200)
        .body("itemId", equalTo((int) id));
  }

  @Test
  void missedSpamThatWasNeverQueuedIsStoredFromItsText() {
    String text = "missed spam " + UUID.randomUUID();
    Number exampleId =
        given()
            .header("X-Api-Key", API_KEY)
            .contentType(ContentType.JSON)
            .body(
                "{\"content\":\"" + text + "\",\"externalId\":\"never-queued\",\"label\":\"spam\"}")
            .when()
            .post("/feedback")
            .then()
            .statusCode(200)
            .body("itemId", nullValue())
            .extract()
            .path("exampleId");

    LabeledExample example =
        QuarkusTransaction.requiringNew()
            .call(() -> LabeledExample.findById(exampleId.longValue()));
    assertEquals(text, example.content);
    assertEquals("spam", example.label);
    assertEquals("feedback", example.source);
  }

  @Test
  void reportedTextWithNulAndALoneSurrogateIsStoredWithReplacementCharacters() {
    // Given reported spam whose text holds U+0000 and a lone surrogate (PostgreSQL refuses U+0000)
    String marker = UUID.randomUUID().toString();
    Number exampleId =
        given()
            .header("X-Api-Key", API_KEY)
            .contentType(ContentType.JSON)
            .body(
                "{\"content\":\"nul\\u0000spam \\ud800 "
                    + marker
                    + "\",\"externalId\":\"never-queued\",\"label\":\"spam\"}")
            .when()
            .post("/feedback")
            .then()
            // Then it is stored, each such character as U+FFFD
            .statusCode(200)
            .extract()
            .path("exampleId");

    LabeledExample example =
        QuarkusTransaction.requiringNew()
            .call(() -> LabeledExample.findById(exampleId.longValue()));
    assertEquals("nul\uFFFDspam \uFFFD " + marker, example.content);
  }

  @Test
  void reportWithNothingToIdentifyTheCommentIsA400() {
    given()
        .header("X-Api-Key", API_KEY)
        .contentType(ContentType.JSON)
        .body("{\"externalId\":\"unknown-" + UUID.randomUUID() + "\",\"label\":\"spam\"}")
        .when()
        .post("/feedback")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("content"));
  }

  @Test
  void aClientCannotRelabelAnotherClientsItem() {
    long id = queue(API_KEY, uniqueSite(), "review", "belongs to client one", null);

    given()
        .header("X-Api-Key", OTHER_API_KEY)
        .contentType(ContentType.JSON)
        .body("{\"id\":" + id + ",\"label\":\"ham\"}")
        .when()
        .post("/feedback")
        .then()
        .statusCode(404);
    asModerator().get("/moderation/items/{id}", id).then().body("status", equalTo("pending"));
  }
}
