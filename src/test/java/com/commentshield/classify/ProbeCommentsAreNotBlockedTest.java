package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.common.TestApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordinary comments of the kinds a new installation wrongly blocked (a link to code hosting, news,
 * a shop or the site itself; view counts, years, prices, order numbers; fan talk about channels)
 * are never blocked by the default model through the HTTP API. The probes live in {@code
 * src/test/resources/probe-comments.tsv}, written for this test, not taken from any data set.
 */
@QuarkusTest
class ProbeCommentsAreNotBlockedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  @Test
  void noProbeCommentIsBlocked() throws IOException {
    List<String[]> probes = probes();
    assertTrue(probes.size() >= 50, "the probe file holds " + probes.size() + " comments");
    List<String> blocked = new ArrayList<>();
    for (String[] probe : probes) {
      // Given an ordinary comment, with the page it was posted on when the probe names one
      ObjectNode body = JSON.createObjectNode().put("content", probe[0]);
      if (probe.length > 1 && !probe[1].isBlank()) {
        body.putObject("context").put("permalink", probe[1]);
      }

      // When it is classified
      JsonPath answer =
          given()
              .spec(client())
              .body(body.toString())
              .post("/classify")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();

      // Then it is allowed or held for review, never blocked
      if ("block".equals(answer.getString("decision"))) {
        blocked.add(
            probe[0]
                + " ("
                + answer.getDouble("spamProbability")
                + ", "
                + answer.getList("reasons.feature")
                + ")");
      }
    }
    assertTrue(blocked.isEmpty(), () -> "blocked: " + String.join("; ", blocked));
  }

  private static List<String[]> probes() throws IOException {
    try (InputStream in =
        ProbeCommentsAreNotBlockedTest.class.getResourceAsStream("/probe-comments.tsv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<String[]> rows = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          rows.add(lines[i].split("\t", -1));
        }
      }
      return rows;
    }
  }
}
