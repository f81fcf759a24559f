package com.commentshield.policy;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicyTest {

  @AfterEach
  void restoreDefaults() {
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0.5,\"block\":0.9}")
        .put("/admin/policy")
        .then()
        .statusCode(200);
  }

  private static double probabilityOf(String text) {
    return given()
        .header("X-Api-Key", "test-key-1")
        .contentType(ContentType.JSON)
        .body("{\"content\":\"" + text + "\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getDouble("spamProbability");
  }

  @Test
  void newThresholdsDecideTheNextComments() {
    awaitModel();
    String text = "cheap pills online pharmacy http://pills.example";
    double p = probabilityOf(text);

    // When the block threshold is set just above this comment's probability
    double block = Math.min(1.0, p + (1 - p) / 2);
    double review = Math.min(p, block) / 2;
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":" + review + ",\"block\":" + block + "}")
        .put("/admin/policy")
        .then()
        .statusCode(200)
        .body("block", equalTo((float) block));

    // Then it is held for review rather than blocked
    given()
        .header("X-Api-Key", "test-key-1")
        .contentType(ContentType.JSON)
        .body("{\"content\":\"" + text + "\"}")
        .post("/classify")
        .then()
        .body("decision", equalTo(p >= block ? "block" : "review"));
    asAdmin().get("/admin/policy").then().body("review", equalTo((float) review));
  }

  @Test
  void aTargetFalsePositiveRateSetsTheBlockThresholdFromHeldOutHam() {
    awaitModel();
    double strict =
        asAdmin()
            .contentType(ContentType.JSON)
            .body("{\"targetFalsePositiveRate\":0.001}")
            .put("/admin/policy")
            .then()
            .statusCode(200)
            .body("targetFalsePositiveRate", equalTo(0.001f))
            .body("review", lessThanOrEqualTo(1f))
            .extract()
            .jsonPath()
            .getDouble("block");
    double lenient =
        asAdmin()
            .contentType(ContentType.JSON)
            .body("{\"targetFalsePositiveRate\":0.2}")
            .put("/admin/policy")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getDouble("block");
    assertTrue(
        lenient <= strict,
        "a higher allowed rate may only lower the threshold: " + lenient + " vs " + strict);
    double review = asAdmin().get("/admin/policy").then().extract().jsonPath().getDouble("review");
    assertTrue(review <= lenient);
    assertEquals(
        lenient, asAdmin().get("/admin/policy").then().extract().jsonPath().getDouble("block"));
  }

  @Test
  void invalidPoliciesAreRejected() {
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0.9,\"block\":0.5}")
        .put("/admin/policy")
        .then()
        .statusCode(400)
        .body("detail", containsString("review must not exceed block"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0,\"block\":0.5}")
        .put("/admin/policy")
        .then()
        .statusCode(400)
        .body("detail", containsString("review"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0.5,\"block\":1.5}")
        .put("/admin/policy")
        .then()
        .statusCode(400)
        .body("detail", containsString("block"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0.5,\"block\":0.9,\"targetFalsePositiveRate\":0.01}")
        .put("/admin/policy")
        .then()
        .statusCode(400)
        .body("detail", containsString("either"));
    asAdmin().contentType(ContentType.JSON).body("{}").put("/admin/policy").then().statusCode(400);
  }
}
