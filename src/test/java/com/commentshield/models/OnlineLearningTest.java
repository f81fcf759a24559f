package com.commentshield.models;

import static com.commentshield.admin.AdminFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With online learning on and a naive Bayes model, a verdict moves the next score at once. */
@QuarkusTest
@TestProfile(OnlineLearningTest.NaiveBayesOnline.class)
class OnlineLearningTest {

  public static class NaiveBayesOnline implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "commentshield.model.algorithm", "naive-bayes",
          "commentshield.online-learning.enabled", "true");
    }
  }

  private static final String TEXT = "zorblax quintessential frobnicator deals at glimmerstand";

  private static double probability() {
    return given()
        .header("X-Api-Key", "test-key-1")
        .contentType(ContentType.JSON)
        .body("{\"content\":\"" + TEXT + "\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getDouble("spamProbability");
  }

  @Test
  void aSpamVerdictRaisesTheScoreOfTheSameWordsAtOnce() {
    awaitModel();
    double before = probability();

    long id =
        given()
            .header("X-Api-Key", "test-key-1")
            .contentType(ContentType.JSON)
            .body("{\"content\":\"" + TEXT + " COMMENTSHIELD-TEST-REVIEW\"}")
            .post("/classify")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("id");
    for (int i = 0; i < 3; i++) {
      given()
          .auth()
          .preemptive()
          .basic("moderator", "moderator-test-password")
          .contentType(ContentType.JSON)
          .body("{\"label\":\"spam\"}")
          .post("/moderation/items/{id}/verdict", id)
          .then()
          .statusCode(200);
    }

    double after = probability();
    assertTrue(after > before, "online learning should raise " + before + " but gave " + after);
  }
}
