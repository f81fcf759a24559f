package com.commentshield.common;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A body over {@code quarkus.http.limits.max-body-size} (2 MiB) is a problem+json 413 that states
 * the limit, whether its size is announced up front or it arrives in chunks.
 */
@QuarkusTest
class OversizedBodyTest {

  private static final int THREE_MIB = 3 * 1024 * 1024;

  @TestHTTPResource("/classify")
  URI classify;

  @Test
  void announcedOversizedBodyIsA413StatingTheLimit() {
    // Given a 3 MiB body sent with its Content-Length
    given()
        .spec(client())
        .body(bodyOf(THREE_MIB))
        // When it is posted
        .when()
        .post("/classify")
        // Then the service refuses it with a problem that names the limit
        .then()
        .spec(problem(413))
        .body("detail", containsString("larger than the limit of 2 MiB"));
  }

  @Test
  void chunkedOversizedBodyIsA413StatingTheLimit() throws Exception {
    // Given a 3 MiB body sent chunked, so no Content-Length announces its size
    HttpResponse<String> answer = sendChunked(bodyOf(THREE_MIB));

    // Then it is refused once it grows past the limit, with the same problem
    assertThat(answer.statusCode(), equalTo(413));
    assertThat(
        answer.headers().firstValue("Content-Type").orElse(""), startsWith(Problem.MEDIA_TYPE));
    JsonNode problem = new ObjectMapper().readTree(answer.body());
    assertThat(problem.path("status").asInt(), equalTo(413));
    assertThat(problem.path("detail").asText(), containsString("larger than the limit of 2 MiB"));
  }

  @Test
  void chunkedBodyWithinTheLimitIsClassified() throws Exception {
    // Given a small comment sent chunked, which goes through the limit check's own body reader
    HttpResponse<String> answer =
        sendChunked(
            "{\"content\":\"chunked COMMENTSHIELD-TEST-BLOCK\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(answer.statusCode(), equalTo(200));
    assertThat(
        new ObjectMapper().readTree(answer.body()).path("decision").asText(), equalTo("block"));
  }

  @Test
  void chunkedMalformedBodyStillGetsTheJsonProblem() throws Exception {
    HttpResponse<String> answer = sendChunked("{\"content\":5}".getBytes(StandardCharsets.UTF_8));

    assertThat(answer.statusCode(), equalTo(400));
    assertThat(
        new ObjectMapper().readTree(answer.body()).path("detail").asText(),
        equalTo("content: must be a string, not a number"));
  }

  private HttpResponse<String> sendChunked(byte[] body) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // An input-stream publisher has no known length, so HTTP/1.1 sends it chunked.
    HttpRequest request =
        HttpRequest.newBuilder(classify)
            .timeout(Duration.ofSeconds(30))
            .header("X-Api-Key", TestApi.KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] bodyOf(int size) {
    String prefix = "{\"content\":\"";
    String suffix = "\"}";
    return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
        .getBytes(StandardCharsets.UTF_8);
  }
}
