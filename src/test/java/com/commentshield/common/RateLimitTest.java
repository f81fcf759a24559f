package com.commentshield.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A small bucket (2 requests, then 1 per 10 s) makes the limit observable in a few calls. */
@QuarkusTest
@TestProfile(RateLimitTest.TinyBucket.class)
class RateLimitTest {

  public static class TinyBucket implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "commentshield.rate-limit.requests-per-second", "0.1",
          "commentshield.rate-limit.burst", "2");
    }
  }

  private static Response classify(String key) {
    return given()
        .header("X-Api-Key", key)
        .contentType(ContentType.JSON)
        .body("{\"content\":\"hello COMMENTSHIELD-TEST-ALLOW\"}")
        .post("/classify");
  }

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterWhileOtherKeysGoOn() {
    assertEquals(200, classify("test-key-1").statusCode());
    assertEquals(200, classify("test-key-1").statusCode());

    Response limited = classify("test-key-1");
    assertEquals(429, limited.statusCode());
    assertEquals("application/problem+json", limited.contentType());
    int retryAfter = Integer.parseInt(limited.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);

    assertEquals(200, classify("test-key-2").statusCode(), "another client is not affected");
    assertEquals(401, classify("not-a-key").statusCode(), "unknown keys are refused, not limited");
  }
}
