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
            .body("{\"targetFalsePositiveRate\":0.02}")
            .put("/admin/policy")
            .then()
            .statusCode(200)
            .body("targetFalsePositiveRate", equalTo(0.02f))
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
    // and the thresholds it sets are rounded to thousandths
    assertEquals(strict, Math.round(strict * 1000) / 1000.0, 1e-12);
    assertEquals(lenient, Math.round(lenient * 1000) / 1000.0, 1e-12);
  }

  @Test
  void aRateTheHeldOutHamCannotMeasureIsRefusedWithTheNumberNeeded() {
    awaitModel();
    // Given the thresholds in force
    String before = asAdmin().get("/admin/policy").then().extract().asString();

    // When an admin asks for one ham comment in 100,000 (the held-out ham is far fewer)
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"targetFalsePositiveRate\":0.00001}")
        .put("/admin/policy")
        .then()
        // Then it is refused, saying how many held-out ham comments that rate needs
        .statusCode(400)
        .body("detail", containsString("needs at least 100000 held-out ham comments"));
    // and the policy is unchanged
    assertEquals(before, asAdmin().get("/admin/policy").then().extract().asString());
  }

  @Test
  void aTargetRateNeverSetsBlockBelowReview() {
    awaitModel();
    // Given a review threshold high up
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0.98,\"block\":0.99}")
        .put("/admin/policy")
        .then()
        .statusCode(200);

    // When a lenient target would put block lower than that
    double block =
        asAdmin()
            .contentType(ContentType.JSON)
            .body("{\"targetFalsePositiveRate\":0.3}")
            .put("/admin/policy")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getDouble("block");

    // Then block stays at review
    assertEquals(0.98, block, 1e-9);
    asAdmin().get("/admin/policy").then().body("review", equalTo(0.98f));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"review\":0.5,\"block\":0.9}")
        .put("/admin/policy")
        .then()
        .statusCode(200);
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
