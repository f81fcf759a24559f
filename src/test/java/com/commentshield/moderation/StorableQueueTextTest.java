package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Text a database cannot store (U+0000, lone surrogates) never fails a queue write: it is stored as
 * U+FFFD, and a spooled record the database refuses anyway is set aside without holding back the
 * others or making the database look unreachable. Runs on H2 and on PostgreSQL, which refuses
 * U+0000 outright.
 */
@QuarkusTest
class StorableQueueTextTest {

  @Inject QueueWriter writer;

  @Test
  void aFlaggedCommentWithNulAndALoneSurrogateIsQueuedWithReplacementCharacters() {
    awaitModel();
    // Given a flagged comment with U+0000 in its content and author name and a lone surrogate
    String body =
        "{\"content\":\"cheap\\u0000pills \\ud800 here COMMENTSHIELD-TEST-BLOCK\","
            + "\"author\":{\"name\":\"Po\\u0000ster\"},"
            + "\"context\":{\"site\":\"nul.example\",\"userAgent\":\"Agent\\udfff/1\"}}";

    // When it is classified
    int id =
        given()
            .header("X-Api-Key", QueueFixture.API_KEY)
            .contentType(ContentType.JSON)
            .body(body)
            .when()
            .post("/classify")
            .then()
            .statusCode(200)
            .body("decision", equalTo("block"))
            .extract()
            .path("id");

    // Then it is queued, every such character stored as U+FFFD
    asModerator()
        .when()
        .get("/moderation/items/{id}", id)
        .then()
        .statusCode(200)
        .body("content", equalTo("cheap\uFFFDpills \uFFFD here COMMENTSHIELD-TEST-BLOCK"))
        .body("author.name", equalTo("Po\uFFFDster"))
        .body("userAgent", equalTo("Agent\uFFFD/1"));
  }

  @Test
  void spooledRecordsWithNulAreMovedAndOneTheDatabaseRefusesIsSetAside() throws Exception {
    long deadLettersBefore = writer.status().deadLetters();
    // Given a spool as an outage left it: a record with U+0000 (written by a version that did not
    // clean text), one the database refuses (a decision longer than its column), and a good one
    QueueSpool.Record withNul = record("spooled\u0000text", "review");
    QueueSpool.Record refused = record("refused record", "x".repeat(40));
    QueueSpool.Record good = record("good record", "block");

    // When the writer moves the spool into the queue
    writer.addToSpool(List.of(withNul, refused, good));
    long deadline = System.currentTimeMillis() + 30_000;
    while (writer.status().spooled() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }

    // Then the spool is empty, the storable records are queued, the refused one is a dead letter
    assertEquals(0, writer.status().spooled(), "the spool was not moved into the queue");
    assertEquals("spooled\uFFFDtext", contentOf(withNul.key()));
    assertEquals("good record", contentOf(good.key()));
    assertEquals(deadLettersBefore + 1, writer.status().deadLetters());
    // and the database is still reported reachable, the dead letter shown in readiness
    assertTrue(writer.status().databaseReachable());
    given()
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'moderation-queue' }.data.database", equalTo("reachable"))
        .body(
            "checks.find { it.name == 'moderation-queue' }.data.deadLetters",
            equalTo((int) deadLettersBefore + 1));
  }

  @Test
  void aGroupTheDatabaseRefusesInPartStoresTheOthersWithNewIds() {
    // Given a group of three items, the middle one refused by the database
    FlaggedItem first = QueueFixture.pendingItem("group.example", "first of the group", "review");
    FlaggedItem refused = QueueFixture.pendingItem("group.example", "refused", "y".repeat(40));
    FlaggedItem last = QueueFixture.pendingItem("group.example", "last of the group", "block");

    // When they are stored as one group (which fails, and is retried item by item)
    var stored = writer.storeAsOneGroup(List.of(first, refused, last));

    // Then the others are committed, under ids not handed out before, and the refused one fails
    Long firstId = stored.get(0).join();
    Long lastId = stored.get(2).join();
    assertTrue(stored.get(1).isCompletedExceptionally());
    assertTrue(firstId != null && lastId != null && !firstId.equals(lastId));
    assertEquals("first of the group", contentOf(firstId));
    assertEquals("last of the group", contentOf(lastId));
  }

  private static String contentOf(String submissionKey) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                FlaggedItem.<FlaggedItem>find("submissionKey", submissionKey)
                    .firstResultOptional()
                    .map(i -> i.content)
                    .orElse(null));
  }

  private static String contentOf(long id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> FlaggedItem.<FlaggedItem>findById(id).content);
  }

  private static QueueSpool.Record record(String content, String decision) {
    return new QueueSpool.Record(
        UUID.randomUUID().toString(),
        OffsetDateTime.now().toString(),
        "test",
        "spool.example",
        null,
        null,
        "comment",
        content,
        "Author",
        null,
        null,
        "203.0.113.9",
        null,
        0.8,
        decision,
        1,
        "[]");
  }
}
