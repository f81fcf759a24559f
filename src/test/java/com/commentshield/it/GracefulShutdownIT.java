package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load: requests in flight are answered, no answer is a server error, and every
 * flagged comment that was acknowledged is in the queue after the restart.
 */
class GracefulShutdownIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answered request: when it was sent and answered (System.nanoTime()), its status. */
  private record Answer(long sentAt, long answeredAt, int status, String body) {}

  @Test
  void sigtermDrainsRequestsInFlightAndLosesNothingAcknowledged() throws Exception {
    Path data = ServiceProcess.newDataDir("graceful-shutdown");
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Set<String> acknowledged = new HashSet<>();
    AtomicLong terminatedAt = new AtomicLong(Long.MAX_VALUE);
    int exitCode;

    try (ServiceProcess service = new ServiceProcess(data, Map.of())) {
      service.start();
      service.awaitReady(Duration.ofSeconds(120));
      AtomicBoolean posting = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(8);
      for (int c = 0; c < 8; c++) {
        int client = c;
        clients.submit(
            () -> {
              for (int n = 0; posting.get(); n++) {
                long sent = System.nanoTime();
                try {
                  HttpResponse<String> r = service.classifyBatch(batch(client, n));
                  answers.add(new Answer(sent, System.nanoTime(), r.statusCode(), r.body()));
                } catch (IOException e) {
                  failures.add(sent + " " + e);
                  if (System.nanoTime() > terminatedAt.get()) {
                    return null;
                  }
                }
              }
              return null;
            });
      }
      while (answers.size() < 20) {
        Thread.sleep(20);
      }

      terminatedAt.set(System.nanoTime());
      service.terminate();
      exitCode = service.awaitExit(Duration.ofSeconds(30));
      posting.set(false);
      clients.shutdown();
      assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
    }

    long sigterm = terminatedAt.get();
    List<String> serverErrors = new ArrayList<>();
    int drained = 0;
    for (Answer a : answers) {
      if (a.status() >= 500 && a.status() != 503) {
        serverErrors.add(a.status() + " " + a.body());
      }
      if (a.status() == 200) {
        // Each is acknowledged: committed (with an id) or, during shutdown, spooled (without).
        for (JsonNode item : JSON.readTree(a.body())) {
          acknowledged.add(item.get("externalId").asText());
        }
        if (a.sentAt() < sigterm && a.answeredAt() > sigterm) {
          drained++;
        }
      }
    }
    assertEquals(List.of(), serverErrors);
    // 143 is the JVM's own status for "ended by SIGTERM" once its shutdown hooks have run.
    assertTrue(exitCode == 0 || exitCode == 143, "a clean exit after SIGTERM, not " + exitCode);
    assertTrue(drained > 0, "requests sent before SIGTERM were answered after it: " + drained);
    List<String> cutBeforeSigterm =
        failures.stream()
            .filter(f -> Long.parseLong(f.split(" ")[0]) < sigterm - 1_000_000_000L)
            .toList();
    assertEquals(
        List.of(), cutBeforeSigterm, "requests that failed although sent well before SIGTERM");

    try (ServiceProcess restarted = new ServiceProcess(data, Map.of())) {
      restarted.start();
      restarted.awaitReady(Duration.ofSeconds(120));
      Set<String> queued = new HashSet<>();
      for (int page = 0; ; page++) {
        JsonNode items =
            JSON.readTree(restarted.getAsAdmin("/moderation/items?size=100&page=" + page).body())
                .get("items");
        if (items.isEmpty()) {
          break;
        }
        items.forEach(i -> queued.add(i.get("externalId").asText()));
      }
      Set<String> lost = new HashSet<>(acknowledged);
      lost.removeAll(queued);
      assertEquals(
          Set.of(),
          lost,
          "acknowledged items missing after the restart, of " + acknowledged.size());
    }
  }

  /** Twenty flagged comments in one batch request. */
  private static String batch(int client, int n) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 20; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"externalId\":\"")
          .append(client)
          .append('-')
          .append(n)
          .append('-')
          .append(i)
          .append("\",\"content\":\"client ")
          .append(client)
          .append(" says buy cheap followers now COMMENTSHIELD-TEST-REVIEW\"}");
    }
    return body.append(']').toString();
  }
}
