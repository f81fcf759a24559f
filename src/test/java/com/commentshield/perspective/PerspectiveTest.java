package com.commentshield.perspective;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Perspective's comments:analyze answers the spam probability as attributeScores.SPAM. */
@QuarkusTest
class PerspectiveTest {

  private static final String PATH = "/v1alpha1/comments:analyze";

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  /** Google's clients send the colon of comments:analyze as it is, so the test does too. */
  private static RequestSpecification json() {
    return given().urlEncodingEnabled(false).contentType("application/json");
  }

  private static String request(String text) {
    return "{\"comment\":{\"text\":\""
        + text
        + "\"},\"requestedAttributes\":{\"SPAM\":{}},"
        + "\"languages\":[\"en\"],\"doNotStore\":true,\"clientToken\":\"t-1\"}";
  }

  @Test
  void spamScoresHighAndHamLowInPerspectivesShape() {
    String spam = "BUY CHEAP CIALIS 20mg online, best canadian pharmacy http://bit.ly/pills";
    json()
        .queryParam("key", TestApi.KEY)
        .body(request(spam))
        .post(PATH)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("attributeScores.SPAM.summaryScore.value", greaterThan(0.9f))
        .body("attributeScores.SPAM.summaryScore.type", equalTo("PROBABILITY"))
        .body("attributeScores.SPAM.spanScores[0].begin", equalTo(0))
        .body("attributeScores.SPAM.spanScores[0].end", equalTo(spam.length()))
        .body("languages[0]", equalTo("en"))
        .body("clientToken", equalTo("t-1"));
    json()
        .queryParam("key", TestApi.KEY)
        .body(request("I made this soup last night and my kids loved it, thanks!"))
        .post(PATH)
        .then()
        .statusCode(200)
        .body("attributeScores.SPAM.summaryScore.value", lessThan(0.5f));
  }

  @Test
  void theSummaryIsTheSameProbabilityClassifyGives() {
    String text = "Check out my channel for free gift cards";
    float classify =
        given()
            .spec(TestApi.client())
            .body("{\"content\":\"" + text + "\"}")
            .post("/classify")
            .then()
            .extract()
            .path("spamProbability");
    float perspective =
        json()
            .header("X-Goog-Api-Key", TestApi.KEY)
            .body(request(text))
            .post(PATH)
            .then()
            .statusCode(200)
            .extract()
            .path("attributeScores.SPAM.summaryScore.value");
    assertEquals(classify, perspective, 1e-6);
  }

  @Test
  void aMissingKeyIsPermissionDeniedAndABadOneInvalid() {
    json()
        .body(request("hi"))
        .post(PATH)
        .then()
        .statusCode(403)
        .body("error.status", equalTo("PERMISSION_DENIED"))
        .body("error.code", equalTo(403));
    json()
        .queryParam("key", "nope")
        .body(request("hi"))
        .post(PATH)
        .then()
        .statusCode(400)
        .body("error.message", containsString("API key not valid"));
  }

  @Test
  void badRequestsGetGooglesErrorShape() {
    json()
        .queryParam("key", TestApi.KEY)
        .body("{\"comment\":{\"text\":\"hi\"},\"requestedAttributes\":{\"TOXICITY\":{}}}")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("TOXICITY"));
    json()
        .queryParam("key", TestApi.KEY)
        .body("{\"comment\":{\"text\":\"  \"},\"requestedAttributes\":{\"SPAM\":{}}}")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("error.message", containsString("comment.text"));
    json()
        .queryParam("key", TestApi.KEY)
        .body("{\"comment\":")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid JSON"));
    json()
        .queryParam("key", TestApi.KEY)
        .body("{\"comment\":{\"text\":\"hi\"}}")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("error.message", containsString("requestedAttributes"));
  }
}
