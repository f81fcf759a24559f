package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running instance of the PostgreSQL build: /classify keeps
 * answering, flagged comments are acknowledged from the local spool (with a metric and a health
 * detail for the backlog), and every one of them reaches the queue once the database is back, also
 * when the instance was killed with SIGKILL in between.
 */
class DatabaseOutageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PG_URL =
      System.getProperty("commentshield.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER =
      System.getProperty("commentshield.postgresql.user", "postgres");

  @Test
  void flaggedCommentsWaitInTheSpoolAndReachTheQueueWhenTheDatabaseReturns() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped");
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String jar =
        System.getProperty("commentshield.postgresql.jar", "target/postgresql-app/quarkus-run.jar");
    var data = ServiceProcess.newDataDir("db-outage");
    try (TcpProxy database = new TcpProxy("127.0.0.1", 5432)) {
      database.open();
      Map<String, String> env =
          Map.of(
              "QUARKUS_DATASOURCE_JDBC_URL",
              PG_URL.replace("127.0.0.1:5432", "127.0.0.1:" + database.port())
                  + "?currentSchema="
                  + schema,
              "QUARKUS_DATASOURCE_USERNAME",
              PG_USER,
              "QUARKUS_DATASOURCE_PASSWORD",
              "",
              "QUARKUS_FLYWAY_SCHEMAS",
              schema,
              "COMMENTSHIELD_MODEL_ALGORITHM",
              "naive-bayes");

      try (ServiceProcess service = new ServiceProcess(jar, data, env)) {
        service.start();
        service.awaitReady(Duration.ofSeconds(120));
        HttpResponse<String> before = service.classify(flagged("before-outage"));
        assertEquals(200, before.statusCode(), before.body());
        assertTrue(JSON.readTree(before.body()).has("id"), before.body());

        // The database goes away
        database.cut();
        for (int i = 0; i < 15; i++) {
          HttpResponse<String> r = service.classify(flagged("first-outage-" + i));
          assertEquals(200, r.statusCode(), r.body());
          JsonNode answer = JSON.readTree(r.body());
          assertEquals("review", answer.get("decision").asText());
          assertFalse(answer.has("id"), "no queue id while the database is away: " + r.body());
        }
        HttpResponse<String> ham =
            service.classify("{\"content\":\"thanks, this helped me fix my bike\"}");
        assertEquals(200, ham.statusCode(), ham.body());
        assertEquals("allow", JSON.readTree(ham.body()).get("decision").asText());

        // Still ready, and the backlog is visible in the health check and the metrics
        HttpResponse<String> ready = service.get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode queue = check(ready.body(), "moderation-queue");
        assertEquals("unreachable", queue.get("data").get("database").asText(), ready.body());
        assertEquals(15, queue.get("data").get("spooled").asInt(), ready.body());
        assertTrue(
            service.get("/q/metrics").body().contains("commentshield_queue_spool_backlog 15.0"));
        // The moderation API says the database is away instead of failing with a 500
        HttpResponse<String> listing = service.getAsAdmin("/moderation/items");
        assertEquals(503, listing.statusCode(), listing.body());
        assertTrue(listing.headers().firstValue("Retry-After").isPresent());

        // The database returns: the spool drains into the queue without a restart
        database.open();
        awaitSpoolEmpty(service);
        Map<String, Integer> queued = externalIds(service);
        for (int i = 0; i < 15; i++) {
          assertEquals(
              1,
              queued.getOrDefault("first-outage-" + i, 0),
              "first-outage-" + i + " in " + queued);
        }

        // A second outage, and this time the process is killed while items wait in the spool
        database.cut();
        for (int i = 0; i < 10; i++) {
          assertEquals(200, service.classify(flagged("second-outage-" + i)).statusCode());
        }
        service.killHard();
      }
      database.open();
      try (ServiceProcess restarted = new ServiceProcess(jar, data, env)) {
        restarted.start();
        restarted.awaitReady(Duration.ofSeconds(120));
        awaitSpoolEmpty(restarted);
        Map<String, Integer> queued = externalIds(restarted);
        for (int i = 0; i < 10; i++) {
          assertEquals(
              1,
              queued.getOrDefault("second-outage-" + i, 0),
              "second-outage-" + i + " in " + queued);
        }
        assertEquals(
            1 + 15 + 10,
            queued.values().stream().mapToInt(Integer::intValue).sum(),
            queued.toString());
      }
    } finally {
      dropSchema(schema);
    }
  }

  private static String flagged(String externalId) {
    return "{\"externalId\":\""
        + externalId
        + "\",\"content\":\"buy now COMMENTSHIELD-TEST-REVIEW\"}";
  }

  private static JsonNode check(String health, String name) throws Exception {
    for (JsonNode c : JSON.readTree(health).get("checks")) {
      if (name.equals(c.get("name").asText())) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + health);
  }

  private static void awaitSpoolEmpty(ServiceProcess service) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = service.get("/q/health/ready").body();
      JsonNode data = check(last, "moderation-queue").get("data");
      if (data.get("spooled").asInt() == 0 && "reachable".equals(data.get("database").asText())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the spool did not drain: " + last);
  }

  /** How often each external id appears in the whole queue. */
  private static Map<String, Integer> externalIds(ServiceProcess service) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int page = 0; ; page++) {
      HttpResponse<String> r = service.getAsAdmin("/moderation/items?size=100&page=" + page);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode items = JSON.readTree(r.body()).get("items");
      if (items.isEmpty()) {
        return counts;
      }
      items.forEach(i -> counts.merge(i.get("externalId").asText(), 1, Integer::sum));
    }
  }

  private static void dropSchema(String schema) throws Exception {
    try (var connection = java.sql.DriverManager.getConnection(PG_URL, PG_USER, "");
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
