package com.commentshield.training;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitJob;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retraining starts by itself after the configured number of new labels, once, and the gate
 * compares the models on the newest labels neither learned from; one job runs at a time, and a job
 * whose runner stopped is failed.
 */
@QuarkusTest
@TestProfile(AutomaticRetrainingTest.AfterTwentyLabels.class)
class AutomaticRetrainingTest {

  public static class AfterTwentyLabels implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("commentshield.retrain.after-labels", "20", "commentshield.sync.every", "1s");
    }
  }

  @Inject RetrainService retrain;

  private static List<Map<String, Object>> jobs() {
    return asAdmin().get("/admin/jobs").then().statusCode(200).extract().jsonPath().getList("$");
  }

  @Test
  void twentyNewLabelsStartOneRetrainingThatIsGatedOnTheNewestOfThem() throws Exception {
    awaitModel();
    int before = jobs().size();
    for (int i = 0; i < 20; i++) {
      boolean spam = i % 2 == 0;
      given()
          .spec(client())
          .body(
              "{\"content\":\""
                  + (spam
                      ? "grab the zentrix bonus code " + i + " before it expires"
                      : "the zentrix lecture " + i + " cleared up my question about joins")
                  + "\",\"label\":\""
                  + (spam ? "spam" : "ham")
                  + "\"}")
          .post("/feedback")
          .then()
          .statusCode(200);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (jobs().size() == before && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    List<Map<String, Object>> after = jobs();
    assertEquals(before + 1, after.size(), "one automatic job: " + after);
    Map<String, Object> job = after.get(0);
    assertEquals("automatic", job.get("requestedBy"));
    JsonPath done = awaitJob(((Number) job.get("id")).longValue());
    assertEquals("succeeded", done.getString("state"));
    assertTrue(
        done.getString("message").contains("on the 10 newest labels neither learned from"),
        done.getString("message"));
    assertTrue(
        done.getString("message").contains("shipped held-out comments"), done.getString("message"));

    // no new labels: no second job
    Thread.sleep(3000);
    assertEquals(before + 1, jobs().size());
    assertEquals(0, retrain.newLabels());
  }

  @Test
  void aSecondJobIsRefusedWhileOneHoldsTheRunningSlotAndADeadRunnersJobIsFailed() {
    awaitModel();
    long id =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  TrainingJob row = new TrainingJob();
                  row.state = TrainingJob.RUNNING;
                  row.algorithm = "logistic";
                  row.requestedBy = "another instance";
                  row.requestedAt = OffsetDateTime.now();
                  row.runningSlot = 1;
                  row.runner = "another-instance";
                  row.heartbeatAt = OffsetDateTime.now();
                  row.persist();
                  return row.id;
                });
    asAdmin()
        .contentType("application/json")
        .body("{}")
        .post("/admin/retrain")
        .then()
        .statusCode(409);

    QuarkusTransaction.requiringNew()
        .run(
            () ->
                TrainingJob.update(
                    "heartbeatAt = ?1 where id = ?2",
                    OffsetDateTime.now().minus(RetrainService.DEAD_AFTER).minusSeconds(1),
                    id));
    retrain.failDeadJobs();
    JsonPath failed = asAdmin().get("/admin/jobs/{id}", id).then().extract().jsonPath();
    assertEquals("failed", failed.getString("state"));
    assertTrue(failed.getString("message").contains("stopped"), failed.getString("message"));
  }
}
