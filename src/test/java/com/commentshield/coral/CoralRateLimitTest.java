package com.commentshield.coral;

import static com.commentshield.moderation.QueueFixture.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Coral door counts against the same per-client limit as /classify: a Coral secret and an API
 * key with the same label are one client with one bucket.
 */
@QuarkusTest
@TestProfile(CoralRateLimitTest.TinyBucket.class)
class CoralRateLimitTest {

  /** Two requests, then one per ten seconds: the limit shows in a few calls. */
  public static class TinyBucket implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "commentshield.rate-limit.requests-per-second", "0.1",
          "commentshield.rate-limit.burst", "2");
    }
  }

  @Test
  void coralRequestsShareTheBucketOfTheirClientLabel() {
    String label = "shared-bucket";
    String key =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(Map.of("label", label, "length", 24))
            .post("/admin/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    String secret = "empsec_" + "5".repeat(64);
    asAdmin()
        .contentType(ContentType.JSON)
        .body(Map.of("secret", secret, "clientLabel", label))
        .post("/admin/coral/secrets")
        .then()
        .statusCode(201);

    // The API key spends the burst of two
    for (int i = 0; i < 2; i++) {
      given()
          .header("X-Api-Key", key)
          .contentType(ContentType.JSON)
          .body("{\"content\":\"hello COMMENTSHIELD-TEST-ALLOW\"}")
          .post("/classify")
          .then()
          .statusCode(200);
    }

    // Then Coral, acting as the same client, is limited too
    byte[] body =
        CoralRequests.newComment("hello COMMENTSHIELD-TEST-ALLOW", "https://x.example/story");
    var limited =
        given()
            .header("Content-Type", "application/json")
            .header("X-Coral-Signature", CoralRequests.signature(body, secret))
            .body(body)
            .post("/coral/moderate");
    assertEquals(429, limited.statusCode(), limited.asString());
    assertEquals("application/problem+json", limited.contentType());
  }
}
