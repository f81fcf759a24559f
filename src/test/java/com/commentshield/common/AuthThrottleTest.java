package com.commentshield.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed logins and wrong API keys are throttled per client address and per user name. The tests
 * come from addresses of their own through X-Forwarded-For (as behind a proxy), so each starts with
 * full buckets: three failures, then one a minute.
 */
@QuarkusTest
@TestProfile(AuthThrottleTest.ThreeThenOneAMinute.class)
class AuthThrottleTest {

  public static class ThreeThenOneAMinute implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "commentshield.auth-throttle.burst", "3",
          "commentshield.auth-throttle.per-minute", "1",
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true");
    }
  }

  private static final String ADMIN_PASSWORD = "admin-test-password";
  private static final String MODERATOR_PASSWORD = "moderator-test-password";

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  private static RequestSpecification from(String address) {
    return given().redirects().follow(false).header("X-Forwarded-For", address);
  }

  private static Response basic(String address, String user, String password) {
    return from(address).auth().preemptive().basic(user, password).get("/moderation/items");
  }

  private static Response form(String address, String user, String password) {
    return from(address)
        .contentType(ContentType.URLENC)
        .formParam("j_username", user)
        .formParam("j_password", password)
        .post("/j_security_check");
  }

  private static Response classify(String address, String key) {
    return from(address)
        .header("X-Api-Key", key)
        .contentType(ContentType.JSON)
        .body("{\"content\":\"hello COMMENTSHIELD-TEST-ALLOW\"}")
        .post("/classify");
  }

  private static void assertTooMany(Response response) {
    assertEquals(429, response.statusCode(), response.asString());
    assertEquals("application/problem+json", response.contentType());
    assertRetryAfter(response);
  }

  private static void assertRetryAfter(Response response) {
    long retryAfter = Long.parseLong(response.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
  }

  @Test
  void anAddressPastItsFailuresGets429EvenWithTheRightPassword() {
    String address = "198.51.100.1";
    for (int i = 0; i < 3; i++) {
      assertEquals(401, basic(address, "nobody", "guess-" + i).statusCode());
    }

    assertTooMany(basic(address, UserStore.ADMIN, ADMIN_PASSWORD));
    assertEquals(
        401,
        basic("198.51.100.2", "nobody", "guess").statusCode(),
        "another address is still answered");
  }

  @Test
  void aUserNamePastItsFailuresIsRefusedFromEveryAddressAndTheLogSaysSo() {
    List<LogCapture.Line> lines;
    try (LogCapture capture = LogCapture.start()) {
      for (int i = 1; i <= 3; i++) {
        assertEquals(401, basic("198.51.100.1" + i, UserStore.MODERATOR, "guess").statusCode());
      }
      lines = capture.lines();
    }

    assertTooMany(basic("198.51.100.14", UserStore.MODERATOR, MODERATOR_PASSWORD));
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.level().intValue() == Level.WARNING.intValue()
                        && l.text().contains("198.51.100.11")
                        && l.text().contains("'moderator'")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.text().contains("Too many failed attempts")),
        lines.toString());
  }

  @Test
  void theLoginFormPastTheFailuresSendsBackToALoginPageThatSaysWhy() {
    String address = "198.51.100.21";
    for (int i = 0; i < 3; i++) {
      Response failed = form(address, "nobody", "guess-" + i);
      assertEquals(302, failed.statusCode(), failed.headers() + "\n" + failed.asString());
      assertTrue(failed.header("Location").endsWith("/login?error=1"), failed.header("Location"));
    }

    Response throttled = form(address, "nobody", "guess");
    assertEquals(302, throttled.statusCode());
    assertTrue(
        throttled.header("Location").endsWith("/login?error=throttled"),
        throttled.header("Location"));
    assertRetryAfter(throttled);
    given()
        .get("/login?error=throttled")
        .then()
        .statusCode(200)
        .body(containsString("Too many failed logins"));
  }

  @Test
  void aThrottledUserAtTheLoginFormGetsNoSessionEvenWithTheRightPassword() {
    for (int i = 1; i <= 3; i++) {
      form("198.51.100.3" + i, UserStore.ADMIN, "guess");
    }

    Response throttled = form("198.51.100.34", UserStore.ADMIN, ADMIN_PASSWORD);
    assertEquals(302, throttled.statusCode());
    assertTrue(
        throttled.header("Location").endsWith("/login?error=throttled"),
        throttled.header("Location"));
    assertRetryAfter(throttled);
    assertNull(throttled.cookie("quarkus-credential"), "no session for a throttled user");
  }

  @Test
  void wrongApiKeysPastTheBurstAreRefusedAtEveryDoor() {
    String address = "198.51.100.41";
    for (int i = 0; i < 3; i++) {
      assertEquals(401, classify(address, "guess-" + UUID.randomUUID()).statusCode());
    }

    assertTooMany(classify(address, TestApi.KEY));
    assertTooMany(
        from(address)
            .contentType(ContentType.URLENC)
            .formParams(
                Map.of(
                    "api_key", TestApi.KEY,
                    "blog", "https://throttle.example/",
                    "user_ip", "203.0.113.9",
                    "comment_content", "hello"))
            .post("/1.1/comment-check"));
    Response perspective =
        from(address)
            .urlEncodingEnabled(false)
            .contentType(ContentType.JSON)
            .queryParam("key", TestApi.KEY)
            .body("{\"comment\":{\"text\":\"hello\"},\"requestedAttributes\":{\"SPAM\":{}}}")
            .post("/v1alpha1/comments:analyze");
    assertEquals(429, perspective.statusCode());
    assertEquals("RESOURCE_EXHAUSTED", perspective.path("error.status"));
    assertRetryAfter(perspective);
  }

  @Test
  void wrongKeysAtTheAkismetDoorCountAgainstTheAddressToo() {
    String address = "198.51.100.51";
    for (int i = 0; i < 3; i++) {
      from(address)
          .contentType(ContentType.URLENC)
          .formParams(Map.of("key", "guess-" + i, "blog", "https://throttle.example/"))
          .post("/1.1/verify-key")
          .then()
          .statusCode(200)
          .body(containsString("invalid"));
    }

    assertTooMany(classify(address, TestApi.KEY));
  }

  @Test
  void failuresAreLoggedAtWarnWithTheAddressButNeverTheSecret() {
    String password = "password-guess-" + UUID.randomUUID();
    String key = "key-guess-" + UUID.randomUUID();
    String mistypedUserName = "typed-a-password-" + UUID.randomUUID();
    List<LogCapture.Line> lines;
    try (LogCapture capture = LogCapture.start()) {
      basic("198.51.100.61", "nobody", password);
      classify("198.51.100.62", key);
      form("198.51.100.63", mistypedUserName, password);
      lines = capture.lines();
    }

    List<LogCapture.Line> warnings =
        lines.stream().filter(l -> l.level().intValue() >= Level.WARNING.intValue()).toList();
    assertTrue(
        warnings.stream().anyMatch(l -> l.text().contains("198.51.100.61")), warnings.toString());
    assertTrue(
        warnings.stream().anyMatch(l -> l.text().contains("198.51.100.62")), warnings.toString());
    assertTrue(
        warnings.stream().anyMatch(l -> l.text().contains("198.51.100.63")), warnings.toString());
    for (LogCapture.Line line : lines) {
      assertTrue(!line.text().contains(password), "a password was logged: " + line);
      assertTrue(!line.text().contains(key), "an API key was logged: " + line);
      assertTrue(
          !line.text().contains(mistypedUserName), "an unknown user name was logged: " + line);
    }
  }
}
