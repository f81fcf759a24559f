package com.commentshield.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.config.LogConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.specification.ResponseSpecification;
import java.time.Duration;
import java.time.Instant;

/** Shared pieces of the HTTP tests: an authenticated client and the shape of every problem. */
public final class TestApi {

  /** The first of the keys {@code %test.commentshield.api-keys} configures. */
  public static final String KEY = "test-key-1";

  /** The second configured key. */
  public static final String OTHER_KEY = "test-key-2";

  private TestApi() {}

  /**
   * A JSON request that carries a valid API key. Pretty-printing in REST Assured's failure log is
   * off: it would indent 100,000 nested brackets into gigabytes.
   */
  public static RequestSpecification client() {
    return new RequestSpecBuilder()
        .setConfig(
            RestAssuredConfig.config().logConfig(LogConfig.logConfig().enablePrettyPrinting(false)))
        .addHeader("X-Api-Key", KEY)
        .setContentType(ContentType.JSON)
        .setAccept(ContentType.JSON)
        .build();
  }

  /**
   * An RFC 9457 answer with {@code status}: the problem media type, the status repeated in the
   * body, a title and a detail, and no Java class or annotation name in the detail.
   */
  public static ResponseSpecification problem(int status) {
    return new ResponseSpecBuilder()
        .expectStatusCode(status)
        .expectHeader("Content-Type", startsWith(Problem.MEDIA_TYPE))
        .expectBody("status", equalTo(status))
        .expectBody("type", startsWith("https://"))
        .expectBody("title", matchesPattern(".*\\S.*"))
        .expectBody("detail", matchesPattern(".*\\S.*"))
        .expectBody(
            "detail",
            not(matchesPattern("(?s).*(java\\.|jakarta\\.|jackson|Exception|@[A-Z]|`).*")))
        .build();
  }

  /**
   * Waits until readiness is UP, i.e. the default model has been trained in the background.
   * Decisions made before that are the "no model" fallback, not the model's.
   */
  public static void awaitModel() {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (given().when().get("/q/health/ready").statusCode() == 200) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the model", e);
      }
    }
    throw new IllegalStateException("the default model was not ready within 3 minutes");
  }
}
