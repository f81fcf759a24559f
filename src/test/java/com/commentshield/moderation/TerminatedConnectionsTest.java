package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * PostgreSQL ends connections with SQLSTATE 57P01 when it shuts down "fast" or an operator
 * terminates a backend. The pool still holds those connections; the next flagged comment meets one
 * and must be kept (committed on a new connection or spooled), never answered with a 500.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
class TerminatedConnectionsTest {

  @Inject QueueWriter writer;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @Test
  void flaggedCommentsAreKeptWhenTheServerTerminatesTheConnections() throws Exception {
    awaitModel();
    queueOne(); // the pool now holds a connection

    // Given every other connection to the database terminated by the server (SQLSTATE 57P01)
    int terminated;
    try (Connection admin = DriverManager.getConnection(url, user, "");
        Statement statement = admin.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
      rows.next();
      terminated = rows.getInt(1);
    }

    // When flagged comments arrive, Then each is answered 200 (committed or spooled)
    for (int i = 0; i < 5; i++) {
      queueOne();
    }
    // and whatever went to the spool reaches the queue once the database answers
    long deadline = System.currentTimeMillis() + 30_000;
    while (writer.status().spooled() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(0, writer.status().spooled(), "terminated " + terminated + " connections");
  }

  private static void queueOne() {
    given()
        .header("X-Api-Key", QueueFixture.API_KEY)
        .contentType(ContentType.JSON)
        .body("{\"content\":\"cheap pills here COMMENTSHIELD-TEST-BLOCK\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", equalTo("block"));
  }
}
