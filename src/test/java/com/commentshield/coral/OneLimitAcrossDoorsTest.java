package com.commentshield.coral;

import static com.commentshield.moderation.QueueFixture.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rate limit per client across every door: a key that spent its burst at one door gets 429 with
 * Retry-After at the next. The doors go round in a ring, so each is once the one that spends and
 * once the one that refuses.
 */
@QuarkusTest
@TestProfile(OneLimitAcrossDoorsTest.TinyBucket.class)
class OneLimitAcrossDoorsTest {

  /** Two requests, then one per ten seconds: the limit shows in a few calls. */
  public static class TinyBucket implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "commentshield.rate-limit.requests-per-second", "0.1",
          "commentshield.rate-limit.burst", "2");
    }
  }

  /** A client with an API key and a Coral secret under one label. */
  record Client(String key, String coralSecret) {}

  record Door(String name, Function<Client, Response> send) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String ALLOW = "hello COMMENTSHIELD-TEST-ALLOW";

  private static final List<Door> DOORS =
      List.of(
          new Door(
              "POST /classify",
              c ->
                  given()
                      .header("X-Api-Key", c.key())
                      .contentType(ContentType.JSON)
                      .body(Map.of("content", ALLOW))
                      .post("/classify")),
          new Door(
              "Akismet comment-check",
              c ->
                  given()
                      .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                      .formParams(
                          Map.of(
                              "api_key",
                              c.key(),
                              "blog",
                              "https://limits.example/",
                              "user_ip",
                              "203.0.113.9",
                              "comment_content",
                              ALLOW))
                      .post("/1.1/comment-check")),
          new Door(
              "Perspective comments:analyze",
              c ->
                  given()
                      .urlEncodingEnabled(false)
                      .contentType(ContentType.JSON)
                      .queryParam("key", c.key())
                      .body(
                          "{\"comment\":{\"text\":\""
                              + ALLOW
                              + "\"},\"requestedAttributes\":{\"SPAM\":{}}}")
                      .post("/v1alpha1/comments:analyze")),
          new Door(
              "POST /feedback",
              c ->
                  given()
                      .header("X-Api-Key", c.key())
                      .contentType(ContentType.JSON)
                      .body(
                          Map.of(
                              "externalId",
                              "doors-" + UUID.randomUUID(),
                              "content",
                              ALLOW,
                              "label",
                              "ham"))
                      .post("/feedback")),
          new Door(
              "GET /classify/verdicts",
              c -> given().header("X-Api-Key", c.key()).get("/classify/verdicts")),
          new Door(
              "Coral moderate",
              c -> {
                byte[] body = CoralRequests.newComment(ALLOW, "https://limits.example/story");
                return given()
                    .header("Content-Type", "application/json")
                    .header("X-Coral-Signature", CoralRequests.signature(body, c.coralSecret()))
                    .body(body)
                    .post("/coral/moderate");
              }));

  static Stream<Arguments> pairs() {
    return IntStream.range(0, DOORS.size())
        .mapToObj(i -> Arguments.of(DOORS.get(i), DOORS.get((i + 1) % DOORS.size())));
  }

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  @ParameterizedTest(name = "spent at {0}, refused at {1}")
  @MethodSource("pairs")
  void aKeyThatSpentItsBurstAtOneDoorIsRefusedAtTheNext(Door spending, Door refusing) {
    Client client = newClient();

    for (int i = 0; i < 2; i++) {
      Response spent = spending.send().apply(client);
      assertTrue(
          spent.statusCode() < 300,
          spending + " answered " + spent.statusCode() + ": " + spent.asString());
    }

    Response refused = refusing.send().apply(client);
    assertEquals(429, refused.statusCode(), refusing + ": " + refused.asString());
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);

    Response otherClient = refusing.send().apply(newClient());
    assertNotEquals(429, otherClient.statusCode(), "another client has a bucket of its own");
  }

  private static Client newClient() {
    String label = "doors-" + UUID.randomUUID();
    String key =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(Map.of("label", label, "length", 24))
            .post("/admin/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    String secret = "empsec_" + UUID.randomUUID().toString().replace("-", "").repeat(2);
    asAdmin()
        .contentType(ContentType.JSON)
        .body(Map.of("secret", secret, "clientLabel", label))
        .post("/admin/coral/secrets")
        .then()
        .statusCode(201);
    return new Client(key, secret);
  }
}
