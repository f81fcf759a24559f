package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost: items queued while clients are posting are all there after the
 * process is killed with SIGKILL and started again on the same data directory.
 */
class KillAndRestartIT {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  @Test
  void everyAcknowledgedItemSurvivesAKillDashNine() throws Exception {
    Path data = ServiceProcess.newDataDir("kill-restart");
    ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    // Given a service with four clients posting comments that get queued
    try (ServiceProcess service = new ServiceProcess(data, Map.of())) {
      service.start();
      service.awaitReady(Duration.ofSeconds(120));
      AtomicBoolean posting = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.submit(
            () -> {
              int n = 0;
              while (posting.get()) {
                try {
                  HttpResponse<String> r =
                      service.classify(
                          "{\"content\":\"client "
                              + client
                              + " comment "
                              + n++
                              + " COMMENTSHIELD-TEST-BLOCK\"}");
                  Matcher m = ID.matcher(r.body());
                  if (r.statusCode() == 200 && m.find()) {
                    acknowledged.add(Long.parseLong(m.group(1)));
                  }
                } catch (Exception killed) {
                  // the connection died with the process: not acknowledged
                }
              }
            });
      }
      while (acknowledged.size() < 100) {
        Thread.sleep(20);
      }

      // When the process is killed in the middle of it
      service.killHard();
      posting.set(false);
      clients.shutdown();
      assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
    }

    // Then after a restart every acknowledged item is still there
    try (ServiceProcess restarted = new ServiceProcess(data, Map.of())) {
      restarted.start();
      restarted.awaitReady(Duration.ofSeconds(120));
      List<Long> missing = new ArrayList<>();
      for (long id : acknowledged) {
        if (restarted.getAsAdmin("/moderation/items/" + id).statusCode() != 200) {
          missing.add(id);
        }
      }
      assertEquals(List.of(), missing, "acknowledged items lost of " + acknowledged.size());
    }
  }
}
