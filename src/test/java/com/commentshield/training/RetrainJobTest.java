package com.commentshield.training;

import static com.commentshield.admin.AdminFixture.activate;
import static com.commentshield.admin.AdminFixture.activeVersion;
import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitJob;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetrainJobTest {

  private int originallyActive;

  @BeforeEach
  void rememberActiveVersion() {
    awaitModel();
    originallyActive = activeVersion();
  }

  @AfterEach
  void restoreActiveVersion() {
    activate(originallyActive);
  }

  @Test
  void aRetrainRunsInTheBackgroundAndReportsProgressAndMetrics() {
    // When an admin starts a retrain
    Response started =
        asAdmin()
            .contentType(ContentType.JSON)
            .body("{\"algorithm\":\"logistic\"}")
            .post("/admin/retrain");
    started
        .then()
        .statusCode(202)
        .header("Location", containsString("/admin/jobs/"))
        .body("state", equalTo("running"))
        .body("algorithm", equalTo("logistic"));
    long id = started.jsonPath().getLong("id");

    // And asks for a second one while the first still runs, Then that is a conflict
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/admin/retrain")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("job " + id));

    // Then the job finishes with full progress, a new version and its held-out metrics
    JsonPath job = awaitJob(id);
    assertEquals("succeeded", job.getString("state"), job.prettify());
    assertTrue(job.getLong("total") > 0);
    assertEquals(job.getLong("total"), job.getLong("processed"));
    int version = job.getInt("modelVersion");
    assertTrue(job.getString("message").contains("held-out comments"), job.getString("message"));
    assertTrue(job.getDouble("metrics.mcc") > 0.5, "a useful model: " + job.getString("metrics"));

    // And the version is listed with its data summary
    asAdmin()
        .get("/admin/models/{v}", version)
        .then()
        .statusCode(200)
        .body("algorithm", equalTo("logistic"))
        .body("dataSummary.'written/spam'", greaterThan(300))
        .body("metrics.confusionMatrix.truePositives", notNullValue())
        .body("metrics.precisionRecallCurve.size()", greaterThan(2));
  }

  @Test
  void anActivatedVersionServesAndARollbackRestoresThePreviousOne() {
    // Given a second version trained with another algorithm, forced into service
    Response started =
        asAdmin()
            .contentType(ContentType.JSON)
            .body("{\"algorithm\":\"naive-bayes\",\"force\":true}")
            .post("/admin/retrain");
    started.then().statusCode(202);
    JsonPath job = awaitJob(started.jsonPath().getLong("id"));
    int newVersion = job.getInt("modelVersion");
    assertTrue(job.getBoolean("activated"), job.getString("message"));

    // Then /classify answers with the new version
    given()
        .header("X-Api-Key", "test-key-1")
        .contentType(ContentType.JSON)
        .body("{\"content\":\"hello there\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .body("modelVersion", equalTo(Integer.toString(newVersion)));

    // When the admin rolls back
    asAdmin()
        .post("/admin/models/{v}/activate", originallyActive)
        .then()
        .statusCode(200)
        .body("active", equalTo(true))
        .body("note", containsString("admin"));

    // Then the previous version serves again, and the listing marks it active
    given()
        .header("X-Api-Key", "test-key-1")
        .contentType(ContentType.JSON)
        .body("{\"content\":\"hello there\"}")
        .post("/classify")
        .then()
        .body("modelVersion", equalTo(Integer.toString(originallyActive)));
    assertEquals(originallyActive, activeVersion());
  }

  @Test
  void activatingAnUnknownVersionIsA404() {
    asAdmin()
        .post("/admin/models/{v}/activate", 999_999)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badRetrainOptionsAreRejectedWithTheirNames() {
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"algorithm\":\"svm\"}")
        .post("/admin/retrain")
        .then()
        .statusCode(400)
        .body("detail", containsString("algorithm"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"hashBits\":40}")
        .post("/admin/retrain")
        .then()
        .statusCode(400)
        .body("detail", containsString("hashBits"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"algorithm\":")
        .post("/admin/retrain")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void unknownJobIsA404() {
    asAdmin()
        .get("/admin/jobs/{id}", 987_654)
        .then()
        .statusCode(404)
        .body("detail", endsWith("987654"));
  }
}
