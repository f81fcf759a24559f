package com.commentshield.common;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Hostile but well-formed-looking JSON: deep nesting, huge numbers, repeated keys. */
@QuarkusTest
class JsonParserLimitsTest {

  @Test
  void deeplyNestedExtraPropertyIsA400NamingTheLimit() {
    // Given 100,000 nested arrays in a property the service does not even read
    String body =
        "{\"content\":\"hi\",\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    given()
        .spec(client())
        .body(body)
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body(
            "detail",
            containsString(
                "nested more deeply than the limit of "
                    + StrictJsonCustomizer.MAX_NESTING_DEPTH
                    + " levels"));
  }

  @Test
  void hundredThousandOpeningBracketsAreA400() {
    given()
        .spec(client())
        .body("[".repeat(100_000))
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400));
  }

  @Test
  void moderatelyNestedExtraPropertyIsAccepted() {
    // Given nesting well inside the limit in an unknown property
    String body = "{\"content\":\"hi\",\"extra\":" + "[".repeat(50) + "]".repeat(50) + "}";
    given()
        .spec(client())
        .body(body)
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", oneOf("allow", "review", "block"));
  }

  @Test
  void hugeNumberIsA400NamingTheLimit() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\",\"externalId\":" + "9".repeat(2_000) + "}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", containsString("number is longer than the limit"));
  }

  @Test
  void duplicateKeyIsA400NamingTheField() {
    // Given "content" twice: parsers disagree on which one wins, so neither is taken
    given()
        .spec(client())
        .body("{\"content\":\"harmless\",\"content\":\"buy pills\"}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", containsString("duplicate field 'content'"))
        .body("errors.field", hasItem("content"));
  }

  @Test
  void duplicateKeyInsideABatchItemNamesItsPath() {
    given()
        .spec(client())
        .body(
            "[{\"content\":\"hi\"},{\"content\":\"hi\",\"author\":{\"name\":\"a\",\"name\":\"b\"}}]")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors.field", hasItem("[1].author.name"));
  }
}
