package com.commentshield.common;

import static com.commentshield.common.TestApi.KEY;
import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Wrong content type, missing body, unknown path or method: all problem+json 4xx answers. */
@QuarkusTest
class HttpProtocolErrorsTest {

  @Test
  void plainTextBodyIsA415AskingForJson() {
    given()
        .header("X-Api-Key", KEY)
        .contentType("text/plain")
        .body("Great post!")
        .when()
        .post("/classify")
        .then()
        .spec(problem(415))
        .body(
            "detail", equalTo("content type 'text/plain' is not supported; send application/json"));
  }

  @Test
  void missingBodyIsA400NamingTheBody() {
    given()
        .spec(client())
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("body"))
        .body("detail", containsString("a JSON body is required"));
  }

  @Test
  void jsonNullBodyIsA400NamingTheBody() {
    given()
        .spec(client())
        .body("null")
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("body"));
  }

  @Test
  void unknownPathIsA404Problem() {
    given()
        .spec(client())
        .body("{\"content\":\"hi\"}")
        .when()
        .post("/classify/nowhere")
        .then()
        .spec(problem(404))
        .body("detail", equalTo("there is no endpoint at /classify/nowhere"));
  }

  @Test
  void getOnClassifyIsA405Problem() {
    given()
        .header("X-Api-Key", KEY)
        .when()
        .get("/classify")
        .then()
        .spec(problem(405))
        .body("detail", equalTo("method GET is not allowed on /classify"));
  }

  @Test
  void acceptingOnlyHtmlIsA406Problem() {
    given()
        .header("X-Api-Key", KEY)
        .contentType("application/json")
        .accept("text/html")
        .body("{\"content\":\"hi\"}")
        .when()
        .post("/classify")
        .then()
        .spec(problem(406))
        .body(
            "detail", equalTo("the Accept header rules out every format /classify can answer in"));
  }
}
