package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QueueListingTest {

  @Test
  void listsNewestFirstWithTotalAndPaging() {
    // Given three items on a site of their own
    String site = uniqueSite();
    long first = queue(site, "review", "one");
    long second = queue(site, "block", "two");
    long third = queue(site, "review", "three");

    // When the first page of two is asked for, Then the newest two come with the total
    asModerator()
        .queryParam("site", site)
        .queryParam("size", 2)
        .when()
        .get("/moderation/items")
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body("items.id", contains((int) third, (int) second));
    // And the second page holds the oldest
    asModerator()
        .queryParam("site", site)
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) first));
  }

  @Test
  void filtersByStatusDecisionAndReason() {
    String site = uniqueSite();
    long review = queue(site, "review", "alpha");
    long block = queue(site, "block", "beta");
    asModerator()
        .contentType(ContentType.JSON)
        .body("{\"label\":\"spam\"}")
        .post("/moderation/items/{id}/verdict", block)
        .then()
        .statusCode(200);

    asModerator()
        .queryParam("site", site)
        .queryParam("status", "pending")
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) review));
    asModerator()
        .queryParam("site", site)
        .queryParam("status", "resolved")
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) block));
    asModerator()
        .queryParam("site", site)
        .queryParam("decision", "block")
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) block));
    // The canary reason names the decision, so a reason keyword selects by it
    asModerator()
        .queryParam("site", site)
        .queryParam("reason", "test-review")
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) review));
    asModerator()
        .queryParam("site", site)
        .queryParam("reason", "no-such-reason")
        .get("/moderation/items")
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void filtersByProbabilityAndSortsMostLikelySpamFirst() {
    // Given an ordinary comment held for review and a pharmacy spam blocked, by the canary (which
    // answers the probability it forces: the review threshold, and 1 for block)
    String site = uniqueSite();
    long ham = queue(site, "review", "Great article, thanks for writing it");
    long spam =
        queue(
            site,
            "block",
            "buy cheap viagra cialis online pharmacy http://pills.example no prescription");

    // When sorted by probability, Then the spam comes first
    var listing =
        asModerator()
            .queryParam("site", site)
            .queryParam("sort", "probability")
            .get("/moderation/items")
            .then()
            .statusCode(200)
            .body("items.id", contains((int) spam, (int) ham))
            .extract()
            .jsonPath();
    // And a probability range between the two scores selects one side of it
    double between =
        (listing.getDouble("items[0].spamProbability")
                + listing.getDouble("items[1].spamProbability"))
            / 2;
    asModerator()
        .queryParam("site", site)
        .queryParam("minProbability", between)
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) spam));
    asModerator()
        .queryParam("site", site)
        .queryParam("maxProbability", between)
        .get("/moderation/items")
        .then()
        .body("items.id", contains((int) ham));
  }

  @Test
  void rejectsBadFiltersWithTheirNames() {
    asModerator()
        .queryParam("size", 1000)
        .get("/moderation/items")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("size"));
    asModerator()
        .queryParam("status", "maybe")
        .get("/moderation/items")
        .then()
        .statusCode(400)
        .body("detail", containsString("status"));
    asModerator()
        .queryParam("minProbability", 2)
        .get("/moderation/items")
        .then()
        .statusCode(400)
        .body("detail", containsString("minProbability"));
    asModerator()
        .queryParam("sort", "random")
        .get("/moderation/items")
        .then()
        .statusCode(400)
        .body("detail", containsString("sort"));
  }
}
