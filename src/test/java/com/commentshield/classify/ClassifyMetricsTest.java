package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus metrics show the classify latency histogram and counts decisions. */
@QuarkusTest
class ClassifyMetricsTest {

  private static final Pattern BLOCK_COUNTER =
      Pattern.compile(
          "(?m)^commentshield_decisions_total\\{[^}]*decision=\"block\"[^}]*\\} (\\S+)$");

  @Test
  void classifyingCountsTheDecisionAndRecordsLatency() {
    // Given the current number of block decisions
    double before = blockCount(metrics());

    // When a comment is classified as block
    given()
        .spec(client())
        .body("{\"content\":\"metrics COMMENTSHIELD-TEST-BLOCK\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200);

    // Then the block counter went up and the latency histogram has buckets and a count
    String after = metrics();
    assertThat(blockCount(after), greaterThanOrEqualTo(before + 1));
    assertThat(after, containsString("commentshield_classify_seconds_bucket{"));
    assertThat(after, containsString("le=\"+Inf\""));
    assertThat(after, containsString("commentshield_classify_seconds_count"));
    assertThat(after, containsString("decision=\"allow\""));
    assertThat(after, containsString("decision=\"review\""));
  }

  private static String metrics() {
    return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static double blockCount(String metrics) {
    Matcher m = BLOCK_COUNTER.matcher(metrics);
    if (!m.find()) {
      throw new AssertionError(
          "no commentshield_decisions_total{decision=\"block\"} in /q/metrics");
    }
    return Double.parseDouble(m.group(1));
  }
}
