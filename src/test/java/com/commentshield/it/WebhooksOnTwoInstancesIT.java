package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.outbox.TestReceiver;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the PostgreSQL build on one database, both publishing and delivering: every
 * event reaches the receiver exactly once while both are up (never twice, never two sends of one
 * event at the same time), and when one is killed the other delivers what is left.
 */
class WebhooksOnTwoInstancesIT {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  @Test
  void eachEventIsDeliveredOnceByWhicheverInstanceIsUp() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped");
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env = new HashMap<>(postgresEnv(schema));
    env.putAll(WebhookOutboxKillIT.WEBHOOK_ENV);
    String jar =
        System.getProperty("commentshield.postgresql.jar", "target/postgresql-app/quarkus-run.jar");
    try (TestReceiver receiver = new TestReceiver();
        ServiceProcess a = new ServiceProcess(jar, ServiceProcess.newDataDir("hooks-a"), env);
        ServiceProcess b = new ServiceProcess(jar, ServiceProcess.newDataDir("hooks-b"), env)) {
      // A receiver that takes a while to answer, so that sends of both instances overlap
      receiver.delayAnswers(Duration.ofMillis(30));
      a.start();
      b.start();
      a.awaitReady(Duration.ofSeconds(120));
      b.awaitReady(Duration.ofSeconds(120));
      HttpResponse<String> created =
          a.postAsAdmin(
              "/admin/webhooks",
              "{\"url\":\"" + receiver.url() + "\",\"events\":[\"item.queued\",\"item.judged\"]}");
      assertEquals(201, created.statusCode(), created.body());

      // When comments are queued through both instances, and half are judged through both
      List<Long> queued = queueThrough(List.of(a, b), 300);
      for (int i = 0; i < queued.size(); i += 2) {
        ServiceProcess via = i % 4 == 0 ? a : b;
        HttpResponse<String> verdict =
            via.postAsAdmin(
                "/moderation/items/" + queued.get(i) + "/verdict", "{\"label\":\"spam\"}");
        assertEquals(200, verdict.statusCode(), verdict.body());
      }
      int expected = queued.size() + (queued.size() + 1) / 2;

      // Then each event arrives exactly once, and no event was ever being sent twice at once
      awaitDelivered(receiver, expected, Duration.ofMinutes(2));
      Thread.sleep(3_000); // a late second delivery would arrive now
      Map<String, Long> perEvent =
          receiver.received().stream()
              .collect(
                  Collectors.groupingBy(TestReceiver.Received::delivery, Collectors.counting()));
      assertEquals(expected, perEvent.size());
      assertEquals(
          Map.of(),
          perEvent.entrySet().stream()
              .filter(e -> e.getValue() != 1)
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
          "events delivered more than once");
      assertEquals(1, receiver.mostAtOncePerDelivery());
      Set<Long> queuedDelivered =
          receiver.received().stream()
              .filter(r -> "item.queued".equals(r.event()))
              .map(r -> JsonPath.from(r.bodyText()).getLong("item.id"))
              .collect(Collectors.toSet());
      assertTrue(queuedDelivered.containsAll(queued));

      // And when A dies, B publishes and delivers what comes next (and what A left)
      a.killHard();
      List<Long> later = queueThrough(List.of(b), 50);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      Set<Long> missing = Set.copyOf(later);
      while (!missing.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        Set<Long> delivered =
            receiver.received().stream()
                .map(r -> JsonPath.from(r.bodyText()).getLong("item.id"))
                .collect(Collectors.toSet());
        missing = later.stream().filter(id -> !delivered.contains(id)).collect(Collectors.toSet());
      }
      assertEquals(Set.of(), missing, "items queued after A died never delivered");
    } finally {
      dropSchema(schema);
    }
  }

  /** Queues {@code count} flagged comments through the instances in turn; returns their ids. */
  private static List<Long> queueThrough(List<ServiceProcess> instances, int count)
      throws Exception {
    ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int i = 0; i < count; i++) {
      ServiceProcess via = instances.get(i % instances.size());
      int n = i;
      clients.submit(
          () -> {
            HttpResponse<String> r =
                via.classify("{\"content\":\"two instances " + n + " COMMENTSHIELD-TEST-REVIEW\"}");
            Matcher m = ID.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
              throw new AssertionError("not queued: " + r.statusCode() + " " + r.body());
            }
            ids.add(Long.parseLong(m.group(1)));
            return null;
          });
    }
    clients.shutdown();
    assertTrue(clients.awaitTermination(2, TimeUnit.MINUTES));
    assertEquals(count, ids.size(), "every comment was queued");
    return List.copyOf(ids);
  }

  private static void awaitDelivered(TestReceiver receiver, int events, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long distinct = 0;
    while (System.nanoTime() < deadline) {
      distinct =
          receiver.received().stream()
              .map(TestReceiver.Received::delivery)
              .collect(Collectors.toMap(Function.identity(), d -> 1, (x, y) -> x))
              .size();
      if (distinct >= events) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("only " + distinct + " of " + events + " events were delivered");
  }

  private static Map<String, String> postgresEnv(String schema) {
    return Map.of(
        "QUARKUS_DATASOURCE_JDBC_URL",
        System.getProperty("commentshield.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test")
            + "?currentSchema="
            + schema,
        "QUARKUS_DATASOURCE_USERNAME",
        System.getProperty("commentshield.postgresql.user", "postgres"),
        "QUARKUS_DATASOURCE_PASSWORD",
        "",
        "QUARKUS_FLYWAY_SCHEMAS",
        schema);
  }

  private static void dropSchema(String schema) throws Exception {
    try (var connection =
            DriverManager.getConnection(
                System.getProperty(
                    "commentshield.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("commentshield.postgresql.user", "postgres"),
                "");
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
