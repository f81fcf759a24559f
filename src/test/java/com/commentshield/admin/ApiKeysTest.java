package com.commentshield.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Admins issue client keys; the default is an Akismet-length key that works on every door. */
@QuarkusTest
class ApiKeysTest {

  private static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic("admin", "admin-test-password");
  }

  @Test
  void aKeyIssuedWithoutABodyHasTwelveCharactersAndWorksEverywhere() {
    String key =
        asAdmin()
            .post("/admin/api-keys")
            .then()
            .statusCode(201)
            .header("Cache-Control", "no-store")
            .body("key", matchesPattern("[A-Za-z0-9]{12}"))
            .body("length", equalTo(12))
            .body("label", startsWith("issued-"))
            .extract()
            .path("key");

    given()
        .header("X-Api-Key", key)
        .contentType("application/json")
        .body("{\"content\":\"hi\"}")
        .post("/classify")
        .then()
        .statusCode(200);
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("key", key)
        .formParam("blog", "https://blog.example/")
        .post("/1.1/verify-key")
        .then()
        .body(equalTo("valid"));
  }

  @Test
  void labelAndLengthMayBeChosen() {
    asAdmin()
        .contentType("application/json")
        .body("{\"label\":\"wordpress blog\",\"length\":32}")
        .post("/admin/api-keys")
        .then()
        .statusCode(201)
        .body("label", equalTo("wordpress blog"))
        .body("key", matchesPattern("[A-Za-z0-9]{32}"));
  }

  @Test
  void aTooShortKeyOrABadLabelIsRefused() {
    asAdmin()
        .contentType("application/json")
        .body("{\"length\":8}")
        .post("/admin/api-keys")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("length"));
    asAdmin()
        .contentType("application/json")
        .body("{\"label\":\"  \"}")
        .post("/admin/api-keys")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("label"));
  }

  @Test
  void onlyAdminsMayIssueKeys() {
    given().post("/admin/api-keys").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .post("/admin/api-keys")
        .then()
        .statusCode(403);
    given().header("X-Api-Key", "test-key-1").post("/admin/api-keys").then().statusCode(403);
  }
}
