package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Content is required, 1 to 10,000 characters after trimming; extra properties are ignored. */
@QuarkusTest
class ContentValidationTest {

  @Test
  void missingContentIsRejectedNamingContent() {
    given()
        .spec(client())
        .body("{\"author\":{\"name\":\"Ann\"}}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("content"))
        .body("errors[0].message", equalTo("must not be empty"));
  }

  @Test
  void whitespaceOnlyContentIsRejectedAsEmpty() {
    given()
        .spec(client())
        .body("{\"content\":\"  \\n\\t  \"}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", equalTo("content: must not be empty"));
  }

  @Test
  void contentOverTenThousandCharactersIsRejected() {
    given()
        .spec(client())
        .body("{\"content\":\"" + "a".repeat(10_001) + "\"}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("content"))
        .body("errors[0].message", equalTo("must be at most 10000 characters"));
  }

  @Test
  void contentOfExactlyTenThousandCharactersIsAccepted() {
    // Given the longest allowed comment, padded with white space that trimming removes
    given()
        .spec(client())
        .body("{\"content\":\"  " + "a".repeat(10_000) + "  \"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200);
  }

  @Test
  void invalidAuthorEmailIsRejectedNamingTheField() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\",\"author\":{\"email\":\"not an address\"}}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("author.email"));
  }

  @Test
  void unknownExtraPropertiesAreAcceptedAndIgnored() {
    // Given what comment systems really send: our fields plus their own
    String body =
        "{\"content\":\"Thanks for the write-up\",\"postId\":991,\"akismet\":{\"blog\":\"x\"},"
            + "\"author\":{\"name\":\"Ann\",\"avatar\":\"https://img.example/a.png\"}}";
    given()
        .spec(client())
        .body(body)
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", oneOf("allow", "review", "block"));
  }
}
