package com.commentshield.moderation;

import static com.commentshield.admin.AdminFixture.awaitModel;
import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Near-copies in the queue are one campaign, judged with one verdict and audited per item. */
@QuarkusTest
class CampaignsTest {

  private static RequestSpecification moderator() {
    return given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .contentType(ContentType.JSON);
  }

  private static long queue(String text) {
    return given()
        .spec(client())
        .body("{\"content\":\"" + text + " COMMENTSHIELD-TEST-REVIEW\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  @Test
  void nearCopiesFormOneCampaignThatOneVerdictJudgesWhole() {
    awaitModel();
    String base =
        "Our agency writes your thesis in three days, plagiarism free, message us on the site";
    long first = queue(base);
    long second = queue(base.replace("three", "two"));
    long third = queue(base.replace("message us", "write to us"));
    long unrelated = queue("I disagree with the second point, the benchmark ignores warm-up time");

    List<Map<String, Object>> campaigns =
        moderator()
            .get("/moderation/campaigns")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    Map<String, Object> campaign =
        campaigns.stream()
            .filter(c -> ((Number) c.get("id")).longValue() == first)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no campaign " + first + " in " + campaigns));
    assertEquals(3, campaign.get("count"));
    List<?> ids = (List<?>) campaign.get("itemIds");
    assertTrue(!ids.contains((int) unrelated) && !ids.contains(unrelated), ids.toString());

    moderator()
        .body("{\"label\":\"spam\"}")
        .post("/moderation/campaigns/" + first + "/verdict")
        .then()
        .statusCode(200)
        .body("size()", org.hamcrest.Matchers.equalTo(3));
    for (long id : new long[] {first, second, third}) {
      moderator()
          .get("/moderation/items/" + id)
          .then()
          .statusCode(200)
          .body("verdict", org.hamcrest.Matchers.equalTo("spam"))
          .body("history.size()", org.hamcrest.Matchers.equalTo(1))
          .body("history[0].note", org.hamcrest.Matchers.equalTo("campaign " + first));
    }
    moderator()
        .get("/moderation/items/" + unrelated)
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("pending"));
    moderator()
        .body("{\"label\":\"spam\"}")
        .post("/moderation/campaigns/" + first + "/verdict")
        .then()
        .statusCode(404);
  }
}
