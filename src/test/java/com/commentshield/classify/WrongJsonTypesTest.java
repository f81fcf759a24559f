package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A field of the wrong JSON type is a 400 naming the field and the type it must have. */
@QuarkusTest
class WrongJsonTypesTest {

  @Test
  void numericContentIsNotTurnedIntoText() {
    // Given content that is a number, which a lenient reader would coerce to "123"
    given()
        .spec(client())
        .body("{\"content\":123}")
        // When it is classified
        .when()
        .post("/classify")
        // Then the answer names the field and what it must be
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("content"))
        .body("errors[0].message", equalTo("must be a string, not a number"))
        .body("detail", equalTo("content: must be a string, not a number"));
  }

  @Test
  void booleanContentIsRejected() {
    given()
        .spec(client())
        .body("{\"content\":true}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("content"))
        .body("errors[0].message", equalTo("must be a string, not a boolean"));
  }

  @Test
  void authorGivenAsAStringIsRejectedNamingAuthor() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\",\"author\":\"x\"}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("author"))
        .body("errors[0].message", equalTo("must be an object, not a string"));
  }

  @Test
  void nestedFieldOfWrongTypeIsNamedByItsPath() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\",\"author\":{\"name\":42}}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("author.name"));
  }

  @Test
  void unknownCommentTypeListsTheAllowedValues() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\",\"context\":{\"type\":\"nonsense\"}}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("context.type"))
        .body(
            "errors[0].message",
            equalTo(
                "must be one of comment, reply, forum-post, contact-form, signup, not 'nonsense'"));
  }

  @Test
  void knownCommentTypeIsAccepted() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\",\"context\":{\"type\":\"forum-post\",\"site\":\"example.org\"}}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200);
  }

  @Test
  void arrayPostedToSingleClassifyIsRejected() {
    given()
        .spec(client())
        .body("[{\"content\":\"hi\"}]")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", equalTo("must be an object, not an array"));
  }

  @Test
  void objectPostedToBatchIsRejected() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\"}")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", equalTo("must be an array, not an object"));
  }

  @Test
  void wrongTypeInsideABatchNamesTheItem() {
    given()
        .spec(client())
        .body("[{\"content\":\"fine\"},{\"content\":5}]")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("[1].content"))
        .body("detail", containsString("[1].content: must be a string"));
  }
}
