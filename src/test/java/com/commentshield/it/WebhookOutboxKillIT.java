package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.outbox.TestReceiver;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The outbox is durable: every comment acknowledged as queued reaches the webhook, signed, although
 * the receiver was down while the comments came in and the service was killed with SIGKILL in the
 * middle of it (with deliveries under way), and the receiver came back only after the restart.
 */
class WebhookOutboxKillIT {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  static final Map<String, String> WEBHOOK_ENV =
      Map.of(
          "COMMENTSHIELD_WEBHOOKS_ALLOW_LOOPBACK", "true",
          "COMMENTSHIELD_WEBHOOKS_FIRST_RETRY", "1s");

  @Test
  void everyAcknowledgedItemIsDeliveredAfterAKillDashNine() throws Exception {
    Path data = ServiceProcess.newDataDir("webhook-kill");
    ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    try (TestReceiver receiver = new TestReceiver()) {
      // Given a receiver that is down (503, slowly), and a webhook pointing at it
      receiver.answerWith(503);
      receiver.delayAnswers(Duration.ofMillis(300));
      String secret;
      try (ServiceProcess service = new ServiceProcess(data, WEBHOOK_ENV)) {
        service.start();
        service.awaitReady(Duration.ofSeconds(120));
        HttpResponse<String> created =
            service.postAsAdmin(
                "/admin/webhooks",
                "{\"url\":\"" + receiver.url() + "\",\"events\":[\"item.queued\"]}");
        assertEquals(201, created.statusCode(), created.body());
        secret = JsonPath.from(created.body()).getString("secret");

        // When clients queue comments and the process is killed while they do
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
                                + " COMMENTSHIELD-TEST-REVIEW\"}");
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
        // (the kill must find deliveries under way: on a busy machine the first may come after the
        // 150th acknowledgement, so the clients go on posting until it has)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((acknowledged.size() < 150 || receiver.received().isEmpty())
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertTrue(receiver.received().size() > 0, "deliveries were under way before the kill");
        service.killHard();
        posting.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
      }

      // Then, restarted with the receiver back, every acknowledged item reaches it, signed
      receiver.delayAnswers(Duration.ZERO);
      receiver.answerWith(200);
      try (ServiceProcess restarted = new ServiceProcess(data, WEBHOOK_ENV)) {
        restarted.start();
        restarted.awaitReady(Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Set<Long> missing = Set.copyOf(acknowledged);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(500);
          Set<Long> delivered =
              receiver.received().stream()
                  .filter(r -> r.answeredWith() == 200)
                  .map(r -> JsonPath.from(r.bodyText()).getLong("item.id"))
                  .collect(Collectors.toSet());
          missing =
              acknowledged.stream()
                  .filter(id -> !delivered.contains(id))
                  .collect(Collectors.toSet());
        }
        assertEquals(
            Set.of(), missing, "acknowledged items never delivered, of " + acknowledged.size());
        List<TestReceiver.Received> badlySigned = new ArrayList<>();
        for (TestReceiver.Received r : receiver.received()) {
          if (!r.signedWith(secret)) {
            badlySigned.add(r);
          }
        }
        assertEquals(List.of(), badlySigned);
      }
    }
  }
}
