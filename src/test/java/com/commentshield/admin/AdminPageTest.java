package com.commentshield.admin;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminPageTest {

  @Test
  void showsVersionsThePrecisionRecallCurveAndTheConfusionMatrix() {
    awaitModel();
    asAdmin()
        .get("/admin")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<svg id=\"pr-curve\""))
        .body(containsString("<polyline"))
        .body(containsString("id=\"confusion\""))
        .body(containsString("Retrain now"))
        .body(containsString("(active)"));
  }

  @Test
  void moderatorsAndAnonymousVisitorsDoNotGetIn() {
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .get("/admin")
        .then()
        .statusCode(403);
    given().redirects().follow(false).get("/admin").then().statusCode(303);
  }

  @Test
  void theRetrainButtonNeedsTheCsrfToken() {
    asAdmin()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .formParam("algorithm", "naive-bayes")
        .post("/admin/page/retrain")
        .then()
        .statusCode(403);
  }
}
