package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A power cut in the middle of a retrain: after the restart the previous model serves, the job is
 * reported as interrupted, and every item acknowledged before the kill is still queued.
 */
class KillDuringRetrainIT {

  @Test
  void theRestartedServiceServesThePreviousModelAndLosesNothing() throws Exception {
    Path data = ServiceProcess.newDataDir("kill-retrain");
    List<Long> acknowledged = new ArrayList<>();
    long job;
    try (ServiceProcess service = new ServiceProcess(data, Map.of())) {
      service.start();
      service.awaitReady(Duration.ofSeconds(120));
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r =
            service.classify("{\"content\":\"item " + i + " COMMENTSHIELD-TEST-REVIEW\"}");
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        assertTrue(r.statusCode() == 200 && m.find(), r.body());
        acknowledged.add(Long.parseLong(m.group(1)));
      }
      HttpResponse<String> started =
          service.postAsAdmin("/admin/retrain", "{\"algorithm\":\"logistic\",\"force\":true}");
      assertEquals(202, started.statusCode(), started.body());
      job = Long.parseLong(started.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
      Thread.sleep(300);
      service.killHard();
    }

    try (ServiceProcess restarted = new ServiceProcess(data, Map.of())) {
      restarted.start();
      restarted.awaitReady(Duration.ofSeconds(120));
      String answer = restarted.classify("{\"content\":\"hello again\"}").body();
      assertTrue(answer.contains("\"modelVersion\":\"1\""), answer);
      String jobView = restarted.getAsAdmin("/admin/jobs/" + job).body();
      assertTrue(
          jobView.contains("\"state\":\"failed\"") && jobView.contains("interrupted"), jobView);
      for (long id : acknowledged) {
        assertEquals(
            200, restarted.getAsAdmin("/moderation/items/" + id).statusCode(), "item " + id);
      }
    }
  }
}
