package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.commentshield.examples.LabeledExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionTest {

  @Inject RetentionJob retention;

  @Test
  void personalDataOfOldItemsIsErasedButTheLabeledTextStays() {
    // Given a resolved item received 40 days ago (retention is 30 days) and a fresh one
    long old = queue(uniqueSite(), "block", "old spam");
    long fresh = queue(uniqueSite(), "block", "fresh spam");
    asModerator()
        .contentType(ContentType.JSON)
        .body("{\"label\":\"spam\"}")
        .post("/moderation/items/{id}/verdict", old)
        .then()
        .statusCode(200);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                FlaggedItem.update(
                    "receivedAt = ?1 where id = ?2", OffsetDateTime.now().minusDays(40), old));

    // When the retention job runs
    retention.eraseExpired();

    // Then the old item has no IP, e-mail or user agent, but keeps its text and verdict
    asModerator()
        .get("/moderation/items/{id}", old)
        .then()
        .body("ip", nullValue())
        .body("userAgent", nullValue())
        .body("author.email", nullValue())
        .body("author.name", equalTo("Poster"))
        .body("content", equalTo("old spam COMMENTSHIELD-TEST-BLOCK"))
        .body("verdict", equalTo("spam"));
    LabeledExample example =
        QuarkusTransaction.requiringNew().call(() -> LabeledExample.forItem(old).orElseThrow());
    assertNull(example.authorEmail);
    assertEquals("old spam COMMENTSHIELD-TEST-BLOCK", example.content);
    // And the fresh item is untouched
    asModerator()
        .get("/moderation/items/{id}", fresh)
        .then()
        .body("ip", equalTo("203.0.113.7"))
        .body("author.email", equalTo("poster@mail.example"));
  }
}
