package com.commentshield.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes both classify operations and the request's required field. */
@QuarkusTest
class OpenApiDocumentTest {

  @Test
  void openApiDocumentsClassifyAndBatch() {
    given()
        .queryParam("format", "json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/classify'.post", notNullValue())
        .body("paths.'/classify/batch'.post", notNullValue())
        .body("paths.'/classify'.post.requestBody", notNullValue())
        .body("paths.'/classify/batch'.post.responses.'200'", notNullValue())
        .body("components.schemas.ClassifyRequest.required", hasItem("content"));
  }
}
