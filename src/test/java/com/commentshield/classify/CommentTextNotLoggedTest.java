package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Comment text never reaches the log at INFO or above, on success or on error. */
@QuarkusTest
class CommentTextNotLoggedTest {

  @Test
  void commentTextIsNotLoggedAtInfoOrAbove() {
    TestApi.awaitModel();
    String marker = "marker-" + UUID.randomUUID();
    Capture capture = new Capture();
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      // Given the capture sees what the application logs at INFO
      org.jboss.logging.Logger.getLogger(CommentTextNotLoggedTest.class)
          .info("capture-check " + marker);
      assertThat(capture.messages(), hasItem(containsString("capture-check " + marker)));
      capture.clear();

      // When comments holding the marker are classified, accepted and rejected
      given()
          .spec(client())
          .body("{\"content\":\"Buy pills " + marker + " http://x.example\"}")
          .when()
          .post("/classify")
          .then()
          .statusCode(200);
      given()
          .spec(client())
          .body("[{\"content\":\"" + marker + "\"},{\"content\":\"ok\"}]")
          .when()
          .post("/classify/batch")
          .then()
          .statusCode(200);
      given()
          .spec(client())
          .body("{\"content\":\"" + marker + "\",\"context\":{\"type\":\"" + marker + "\"}}")
          .when()
          .post("/classify")
          .then()
          .statusCode(400);
      given()
          .spec(client())
          .body("{\"content\":\"" + marker + "\"")
          .when()
          .post("/classify")
          .then()
          .statusCode(400);

      // Then no record at INFO or above holds it
      assertThat(capture.messages().stream().filter(m -> m.contains(marker)).toList(), empty());
    } finally {
      root.removeHandler(capture);
    }
  }

  /** Keeps the formatted text of every record at INFO or above, with its parameters and cause. */
  private static final class Capture extends Handler {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    Capture() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() < Level.INFO.intValue()) {
        return;
      }
      StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
      if (record.getParameters() != null) {
        for (Object p : record.getParameters()) {
          text.append(' ').append(p);
        }
      }
      for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
        text.append(' ').append(t.getMessage());
      }
      messages.add(text.toString());
    }

    List<String> messages() {
      return messages;
    }

    void clear() {
      messages.clear();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
