package com.commentshield.training;

import static com.commentshield.admin.AdminFixture.activate;
import static com.commentshield.admin.AdminFixture.activeVersion;
import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitJob;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate with a floor no model can meet (the new MCC on the shipped held-out comments would have
 * to beat the active one by more than 1), so its refusal is certain; force overrides it.
 */
@QuarkusTest
@TestProfile(QualityGateTest.UnbeatableGate.class)
class QualityGateTest {

  public static class UnbeatableGate implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("commentshield.retrain.floor-margin", "-1.5");
    }
  }

  @Test
  void aModelThatIsNotBetterIsStoredButKeptInactiveAndForceActivatesIt() {
    awaitModel();
    int before = activeVersion();

    JsonPath refused =
        awaitJob(
            asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"algorithm\":\"naive-bayes\"}")
                .post("/admin/retrain")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id"));
    assertEquals("succeeded", refused.getString("state"));
    assertFalse(refused.getBoolean("activated"));
    assertTrue(
        refused.getString("message").startsWith("kept inactive by the quality gate"),
        refused.getString("message"));
    assertEquals(before, activeVersion(), "the active version must not change");
    asAdmin()
        .get("/admin/models/{v}", refused.getInt("modelVersion"))
        .then()
        .body("active", org.hamcrest.Matchers.equalTo(false))
        .body("note", org.hamcrest.Matchers.startsWith("kept inactive"));

    JsonPath forced =
        awaitJob(
            asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"algorithm\":\"naive-bayes\",\"force\":true}")
                .post("/admin/retrain")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id"));
    assertTrue(forced.getBoolean("activated"));
    assertTrue(
        forced.getString("message").startsWith("activated by force"), forced.getString("message"));
    assertEquals(forced.getInt("modelVersion"), activeVersion());

    activate(before);
  }
}
