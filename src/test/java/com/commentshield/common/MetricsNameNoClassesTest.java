package com.commentshield.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Errors show in the metrics by status and outcome, never by the Java class that caused them. */
@QuarkusTest
class MetricsNameNoClassesTest {

  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z_]\\w*\\.)*[A-Z]\\w*(?:Exception|Error)\\b");

  @Test
  void failedRequestsLeaveNoExceptionClassNameInTheMetrics() {
    given().spec(TestApi.client()).body("{").post("/classify").then().statusCode(400);
    given().spec(TestApi.client()).body("{\"content\":1}").post("/classify").then().statusCode(400);
    given().header("X-Api-Key", "not-a-key").get("/classify/verdicts").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin-test-password")
        .get("/moderation/items/999999999")
        .then()
        .statusCode(404);
    given().get("/no/such/endpoint").then().statusCode(404);
    // Netty refuses these before any route: too long a request line (414), too large headers (431)
    assertEquals(414, given().get("/classify?q=" + "a".repeat(10_000)).statusCode());
    assertEquals(431, given().header("X-Filler", "b".repeat(64_000)).get("/").statusCode());
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/admin/retrain")
        .then()
        .statusCode(403);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("http_server_requests"), "the HTTP metrics are there");
    Matcher names = CLASS_NAME.matcher(metrics);
    List<String> found = names.results().map(m -> m.group()).distinct().toList();
    assertEquals(
        List.of(),
        found,
        "exception classes named in /q/metrics: "
            + metrics.lines().filter(l -> CLASS_NAME.matcher(l).find()).toList());
  }
}
