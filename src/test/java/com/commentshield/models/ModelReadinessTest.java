package com.commentshield.models;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness reports the model check, UP once the default model has been trained. */
@QuarkusTest
class ModelReadinessTest {

  @Test
  void readinessIsUpWithTheModelCheckOnceLoaded() {
    TestApi.awaitModel();
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("model"))
        .body("checks.find { it.name == 'model' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'model' }.data.version", not(emptyOrNullString()));
  }
}
