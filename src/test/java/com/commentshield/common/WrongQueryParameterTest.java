package com.commentshield.common;

import static com.commentshield.common.TestApi.problem;
import static com.commentshield.moderation.QueueFixture.asModerator;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A query parameter that does not convert to its type is a 400 naming the parameter, not the 404
 * "there is no endpoint" JAX-RS gives by default.
 */
@QuarkusTest
class WrongQueryParameterTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "page | 2147483648 | is out of range: '2147483648' is not between -2147483648 and"
            + " 2147483647",
        "page | 1e3 | must be a whole number, not '1e3'",
        "size | 1.5 | must be a whole number, not '1.5'",
        "minProbability | half | must be a number, not 'half'",
      })
  void theAnswerIsA400NamingTheParameter(String name, String value, String message) {
    asModerator()
        .queryParam(name, value)
        .when()
        .get("/moderation/items")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo(name))
        .body("errors[0].message", equalTo(message))
        .body("detail", equalTo("query parameter " + name + " " + message));
  }
}
