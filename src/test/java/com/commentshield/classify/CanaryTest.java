package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With canaries enabled (test profile), a canary string forces its decision. */
@QuarkusTest
class CanaryTest {

  @BeforeEach
  void modelIsLoaded() {
    // Without a model every answer is the "no model" fallback; canaries must beat the model
    TestApi.awaitModel();
  }

  @ParameterizedTest
  @CsvSource({
    // an obvious ham text forced to block, obvious spam forced to allow, and the middle
    "'Lovely photos of the lake, thank you COMMENTSHIELD-TEST-BLOCK', block, 1.0, true",
    "'Buy viagra cheap http://pills.example.com COMMENTSHIELD-TEST-ALLOW', allow, 0.0, false",
    "'COMMENTSHIELD-TEST-REVIEW Interesting take on the election', review, 0.5, true"
  })
  void canaryForcesTheDecision(
      String content, String decision, float forcedProbability, boolean towardsSpam) {
    given()
        .spec(client())
        .body("{\"content\":\"" + content + "\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", equalTo(decision))
        // the rule is the first reason, with the probability it forced, in the decision's direction
        .body("spamProbability", equalTo(forcedProbability))
        .body("reasons[0].kind", equalTo("rule"))
        .body("reasons[0].feature", containsString("canary"))
        .body("reasons[0].weight", towardsSpam ? greaterThan(0f) : lessThan(0f));
  }
}
