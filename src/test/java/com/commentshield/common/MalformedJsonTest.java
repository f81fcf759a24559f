package com.commentshield.common;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A body that is not JSON at all gets a 400 that says so and where. */
@QuarkusTest
class MalformedJsonTest {

  @Test
  void truncatedJsonIsMalformedJsonWithItsPosition() {
    // Given a body that stops in the middle of an object
    given()
        .spec(client())
        .body("{\"content\":")
        // When it is classified
        .when()
        .post("/classify")
        // Then the answer says the JSON is malformed and where it broke
        .then()
        .spec(problem(400))
        .body("detail", startsWith("malformed JSON at line 1, column"))
        .body("detail", containsString("ends before the JSON value is complete"));
  }

  @Test
  void bareWordIsMalformedJsonNamingTheToken() {
    given()
        .spec(client())
        .body("hello")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", startsWith("malformed JSON"))
        .body("detail", containsString("'hello'"));
  }

  @Test
  void singleQuotedJsonIsMalformedJson() {
    given()
        .spec(client())
        .body("{'content':'hi'}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", startsWith("malformed JSON"))
        .body("detail", containsString("double quotes"));
  }

  @Test
  void secondValueAfterTheFirstIsMalformedJson() {
    // Given two objects back to back, which a lenient reader would silently cut to the first
    given()
        .spec(client())
        .body("{\"content\":\"hi\"}{\"content\":\"there\"}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", containsString("unexpected content after the JSON value"));
  }
}
