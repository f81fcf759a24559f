package com.commentshield.common;

import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client systems need one of the configured keys in {@code X-Api-Key}. */
@QuarkusTest
class ApiKeyAuthenticationTest {

  private static final String COMMENT = "{\"content\":\"Nice write-up, thanks.\"}";

  @Test
  void missingKeyIsA401ProblemWithAChallenge() {
    given()
        .contentType("application/json")
        .body(COMMENT)
        .when()
        .post("/classify")
        .then()
        .spec(problem(401))
        .header("WWW-Authenticate", equalTo("ApiKey header=\"X-Api-Key\""))
        .body("detail", containsString("X-Api-Key"));
  }

  @Test
  void wrongKeyIsA401ProblemSayingTheKeyIsNotValid() {
    given()
        .header("X-Api-Key", "not-a-key")
        .contentType("application/json")
        .body(COMMENT)
        .when()
        .post("/classify")
        .then()
        .spec(problem(401))
        .header("WWW-Authenticate", equalTo("ApiKey header=\"X-Api-Key\""))
        .body("detail", equalTo("the API key in the X-Api-Key header is not valid"));
  }

  @Test
  void batchWithoutKeyIsA401Too() {
    given()
        .contentType("application/json")
        .body("[" + COMMENT + "]")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(401));
  }

  @ParameterizedTest
  @ValueSource(strings = {TestApi.KEY, TestApi.OTHER_KEY})
  void eachConfiguredKeyIsAccepted(String key) {
    given()
        .header("X-Api-Key", key)
        .contentType("application/json")
        .body(COMMENT)
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", oneOf("allow", "review", "block"));
  }
}
