package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkVerdictTest {

  @Test
  void appliesEveryVerdict() {
    String site = uniqueSite();
    long a = queue(site, "review", "a");
    long b = queue(site, "block", "b");

    asModerator()
        .contentType(ContentType.JSON)
        .body(
            "{\"verdicts\":[{\"id\":"
                + a
                + ",\"label\":\"ham\"},{\"id\":"
                + b
                + ",\"label\":\"spam\"}]}")
        .when()
        .post("/moderation/items/verdicts")
        .then()
        .statusCode(200)
        .body("", hasSize(2))
        .body("[0].verdict", equalTo("ham"))
        .body("[1].verdict", equalTo("spam"));
    asModerator()
        .queryParam("site", site)
        .queryParam("status", "pending")
        .get("/moderation/items")
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void oneUnknownIdChangesNothing() {
    String site = uniqueSite();
    long a = queue(site, "review", "a");

    asModerator()
        .contentType(ContentType.JSON)
        .body(
            "{\"verdicts\":[{\"id\":"
                + a
                + ",\"label\":\"spam\"},{\"id\":999999999,\"label\":\"spam\"}]}")
        .when()
        .post("/moderation/items/verdicts")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("999999999"));
    asModerator().get("/moderation/items/{id}", a).then().body("status", equalTo("pending"));
  }

  @Test
  void emptyListIsRejected() {
    asModerator()
        .contentType(ContentType.JSON)
        .body("{\"verdicts\":[]}")
        .post("/moderation/items/verdicts")
        .then()
        .statusCode(400)
        .body("detail", containsString("verdicts"));
  }
}
