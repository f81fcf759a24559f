package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the PostgreSQL build on one database: they share the moderation queue, and a
 * version activated on one is served by the other within seconds.
 */
class InstancesShareOnePostgresIT {

  private static final Pattern VERSION = Pattern.compile("\"modelVersion\":\"(\\d+)\"");
  private static final Pattern JOB_VERSION = Pattern.compile("\"modelVersion\":(\\d+)");

  @Test
  void aVersionActivatedOnOneInstanceIsServedByTheOther() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped");
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env = new HashMap<>(postgresEnv(schema));
    env.put("COMMENTSHIELD_SYNC_EVERY", "1s");
    env.put("COMMENTSHIELD_MODEL_ALGORITHM", "naive-bayes");
    String jar =
        System.getProperty("commentshield.postgresql.jar", "target/postgresql-app/quarkus-run.jar");
    try (ServiceProcess a = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-a"), env);
        ServiceProcess b = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-b"), env)) {
      a.start();
      a.awaitReady(Duration.ofSeconds(120));
      b.start();
      b.awaitReady(Duration.ofSeconds(120));
      assertEquals("1", servedVersion(a));
      assertEquals("1", servedVersion(b));

      // Items flagged through either instance land in one queue
      long viaB = queuedId(b.classify("{\"content\":\"via b COMMENTSHIELD-TEST-REVIEW\"}"));
      assertEquals(200, a.getAsAdmin("/moderation/items/" + viaB).statusCode());

      // A version trained and activated on A is served by B within seconds
      HttpResponse<String> started = a.postAsAdmin("/admin/retrain", "{\"force\":true}");
      assertEquals(202, started.statusCode(), started.body());
      long job = Long.parseLong(started.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
      String newVersion = awaitJobVersion(a, job);
      assertEquals(newVersion, awaitServed(b, newVersion, Duration.ofSeconds(15)));

      // A rollback on B reaches A the same way
      assertEquals(200, b.postAsAdmin("/admin/models/1/activate", "").statusCode());
      assertEquals("1", awaitServed(a, "1", Duration.ofSeconds(15)));
    } finally {
      dropSchema(schema);
    }
  }

  @Test
  void instancesStartingTogetherOnAnEmptyDatabaseStoreOneDefaultModel() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped");
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env = postgresEnv(schema);
    String jar =
        System.getProperty("commentshield.postgresql.jar", "target/postgresql-app/quarkus-run.jar");
    try (ServiceProcess a = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-first-a"), env);
        ServiceProcess b = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-first-b"), env);
        ServiceProcess c = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-first-c"), env)) {
      a.start();
      b.start();
      c.start();
      a.awaitReady(Duration.ofSeconds(120));
      b.awaitReady(Duration.ofSeconds(120));
      c.awaitReady(Duration.ofSeconds(120));
      assertEquals("1", servedVersion(a));
      assertEquals("1", servedVersion(b));
      assertEquals("1", servedVersion(c));
      String versions = a.getAsAdmin("/admin/models").body();
      assertEquals(
          1, Pattern.compile("\"version\":").matcher(versions).results().count(), versions);
    } finally {
      dropSchema(schema);
    }
  }

  @Test
  void aVerdictOrAListEntryOnOneInstanceDecidesOnTheOtherAndOnlyOneRunsTheAutomaticRetrain()
      throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped");
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env = new HashMap<>(postgresEnv(schema));
    env.put("COMMENTSHIELD_SYNC_EVERY", "1s");
    env.put("COMMENTSHIELD_RETRAIN_AFTER_LABELS", "8");
    String jar =
        System.getProperty("commentshield.postgresql.jar", "target/postgresql-app/quarkus-run.jar");
    try (ServiceProcess a = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-mem-a"), env);
        ServiceProcess b = new ServiceProcess(jar, ServiceProcess.newDataDir("pg-mem-b"), env)) {
      a.start();
      b.start();
      a.awaitReady(Duration.ofSeconds(120));
      b.awaitReady(Duration.ofSeconds(120));

      // A report on A: B blocks the same text within the sync period, naming the verdict
      String text = "Visit our shop for handmade walnut chess sets, free engraving this week only";
      assertEquals(
          200, a.feedback("{\"content\":\"" + text + "\",\"label\":\"spam\"}").statusCode());
      String onB =
          awaitBody(b, "{\"content\":\"" + text + "\"}", "same text as", Duration.ofSeconds(15));
      assertTrue(onB.contains("\"decision\":\"block\""), onB);

      // A deny entry added on B blocks on A
      HttpResponse<String> entry =
          b.postAsAdmin(
              "/admin/lists", "{\"list\":\"deny\",\"kind\":\"domain\",\"value\":\"mill.example\"}");
      assertEquals(201, entry.statusCode(), entry.body());
      String onA =
          awaitBody(
              a,
              "{\"content\":\"see https://a.mill.example/x\"}",
              "deny list",
              Duration.ofSeconds(15));
      assertTrue(onA.contains("\"decision\":\"block\""), onA);

      // Eight labels through both instances start one automatic retraining, on one instance
      for (int i = 0; i < 8; i++) {
        ServiceProcess via = i % 2 == 0 ? a : b;
        String label = i % 2 == 0 ? "spam" : "ham";
        assertEquals(
            200,
            via.feedback(
                    "{\"content\":\"label number "
                        + i
                        + " for the retrain\",\"label\":\""
                        + label
                        + "\"}")
                .statusCode());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String jobs = a.getAsAdmin("/admin/jobs").body();
      while (!jobs.contains("\"state\":\"succeeded\"") && System.nanoTime() < deadline) {
        Thread.sleep(500);
        jobs = a.getAsAdmin("/admin/jobs").body();
      }
      Thread.sleep(4000);
      jobs = a.getAsAdmin("/admin/jobs").body();
      assertEquals(
          1,
          Pattern.compile("\"requestedBy\":\"automatic\"").matcher(jobs).results().count(),
          jobs);
      assertTrue(jobs.contains("\"state\":\"succeeded\""), jobs);
    } finally {
      dropSchema(schema);
    }
  }

  /** Classifies on {@code instance} until the answer holds {@code expected}; returns it. */
  private static String awaitBody(
      ServiceProcess instance, String json, String expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String body = instance.classify(json).body();
    while (!body.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      body = instance.classify(json).body();
    }
    return body;
  }

  /** The PostgreSQL build on its own schema of the test database. */
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
            java.sql.DriverManager.getConnection(
                System.getProperty(
                    "commentshield.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("commentshield.postgresql.user", "postgres"),
                "");
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String servedVersion(ServiceProcess s) throws Exception {
    Matcher m = VERSION.matcher(s.classify("{\"content\":\"hello\"}").body());
    assertTrue(m.find());
    return m.group(1);
  }

  private static long queuedId(HttpResponse<String> r) {
    Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
    assertTrue(m.find(), r.body());
    return Long.parseLong(m.group(1));
  }

  private static String awaitJobVersion(ServiceProcess s, long job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      String body = s.getAsAdmin("/admin/jobs/" + job).body();
      if (body.contains("\"state\":\"succeeded\"")) {
        Matcher m = JOB_VERSION.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
      }
      assertTrue(!body.contains("\"state\":\"failed\""), body);
      Thread.sleep(200);
    }
    throw new AssertionError("job " + job + " did not finish");
  }

  private static String awaitServed(ServiceProcess s, String version, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String served = servedVersion(s);
    while (!served.equals(version) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      served = servedVersion(s);
    }
    return served;
  }
}
