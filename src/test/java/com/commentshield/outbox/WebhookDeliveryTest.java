package com.commentshield.outbox;

import static com.commentshield.moderation.QueueFixture.API_KEY;
import static com.commentshield.moderation.QueueFixture.OTHER_API_KEY;
import static com.commentshield.moderation.QueueFixture.asAdmin;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static com.commentshield.outbox.WebhookFixture.about;
import static com.commentshield.outbox.WebhookFixture.json;
import static com.commentshield.outbox.WebhookFixture.judge;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as a site receives them: signed with the webhook's secret, shaped as documented, retried
 * when the receiver fails, in order per item, only the client's own items when the webhook names a
 * client, and sent again on request.
 */
@QuarkusTest
class WebhookDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> BOTH = List.of("item.queued", "item.judged");

  private TestReceiver receiver;
  private final WebhookFixture webhooks = new WebhookFixture();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new TestReceiver();
  }

  @AfterEach
  void stopReceiver() {
    webhooks.deleteAll();
    receiver.close();
  }

  @Test
  void aQueuedItemIsDeliveredSignedWithTheWebhooksSecret() {
    // Given a webhook for both events
    WebhookFixture.Registered hook = webhooks.register(receiver.url(), BOTH, null);

    // When a client queues a comment
    String site = uniqueSite();
    long item = queue(API_KEY, site, "review", "signed delivery", "ext-signed-1");

    // Then the receiver gets item.queued, signed with the secret over the raw body
    TestReceiver.Received r = receiver.await(x -> about(x, "item.queued", item), WAIT);
    assertTrue(r.signedWith(hook.secret()), "signature " + r.signature());
    assertFalse(r.signedWith(hook.secret() + "x"));
    assertTrue(r.contentType().startsWith("application/json"));
    JsonPath body = json(r);
    assertEquals(r.delivery(), body.getString("id"));
    assertEquals("item.queued", body.getString("type"));
    assertTrue(Instant.parse(body.getString("createdAt")).isAfter(Instant.now().minusSeconds(60)));
    assertEquals(List.of("id", "type", "createdAt", "item"), List.copyOf(body.getMap("").keySet()));
    Map<String, Object> itemJson = body.getMap("item");
    assertEquals(
        List.of(
            "id",
            "externalId",
            "site",
            "permalink",
            "decision",
            "label",
            "decidedBy",
            "decidedAt",
            "clientLabel"),
        List.copyOf(itemJson.keySet()));
    assertEquals("ext-signed-1", itemJson.get("externalId"));
    assertEquals(site, itemJson.get("site"));
    assertEquals("https://" + site + "/post/1", itemJson.get("permalink"));
    assertEquals("review", itemJson.get("decision"));
    assertNull(itemJson.get("label"));
    assertEquals("configured-1", itemJson.get("clientLabel"));

    // And when a moderator judges it, item.judged follows with the verdict, also signed
    judge(item, "spam");
    TestReceiver.Received j = receiver.await(x -> about(x, "item.judged", item), WAIT);
    assertTrue(j.signedWith(hook.secret()));
    JsonPath judged = json(j);
    assertEquals("spam", judged.getString("item.label"));
    assertEquals("moderator", judged.getString("item.decidedBy"));
    assertTrue(Instant.parse(judged.getString("item.decidedAt")) != null);
    assertFalse(j.delivery().equals(r.delivery()), "each event has its own id");
  }

  @Test
  void aFailingReceiverGetsTheSameDeliveryAgainUntilItAccepts() {
    WebhookFixture.Registered hook =
        webhooks.register(receiver.url(), List.of("item.queued"), null);
    // Given a receiver that fails twice (a 500, then a 503), then works
    receiver.failNext(500, 503);

    long item = queue(uniqueSite(), "block", "retried delivery");

    // Then it gets the event three times, the same id and body each time, the last one accepted
    List<TestReceiver.Received> attempts =
        receiver.awaitCount(x -> about(x, "item.queued", item), 3, WAIT);
    assertEquals(List.of(500, 503, 200), attempts.stream().map(a -> a.answeredWith()).toList());
    assertEquals(1, attempts.stream().map(TestReceiver.Received::delivery).distinct().count());
    assertArrayEquals(attempts.get(0).body(), attempts.get(2).body());
    assertTrue(attempts.stream().allMatch(a -> a.signedWith(hook.secret())));
    // with a pause between attempts (first-retry is 1 s in tests, spread by 10%)
    long firstGapMillis =
        (attempts.get(1).arrivedNanos() - attempts.get(0).arrivedNanos()) / 1_000_000;
    assertTrue(firstGapMillis >= 850, "retried after " + firstGapMillis + " ms");

    // And the delivery log shows it delivered on the third attempt
    JsonPath log =
        asAdmin()
            .queryParam("state", "delivered")
            .get("/admin/webhooks/{id}/deliveries", hook.id())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> delivery =
        log.<Map<String, Object>>getList("deliveries").stream()
            .filter(d -> ((Number) d.get("itemId")).longValue() == item)
            .findFirst()
            .orElseThrow();
    assertEquals(3, delivery.get("attempts"));
    assertEquals(200, delivery.get("lastStatus"));
    assertEquals(attempts.get(0).delivery(), delivery.get("eventId"));
  }

  @Test
  void anItemsEventsArriveInOrderEvenWhenTheFirstIsRetried() {
    webhooks.register(receiver.url(), BOTH, null);
    receiver.failNext(503, 503);

    // Given an item queued while the receiver fails, and judged at once
    long item = queue(uniqueSite(), "review", "ordered delivery");
    judge(item, "ham");

    // Then the verdict arrives only after the queued event was accepted
    TestReceiver.Received judged = receiver.await(x -> about(x, "item.judged", item), WAIT);
    List<TestReceiver.Received> queuedAttempts =
        receiver.received().stream().filter(x -> about(x, "item.queued", item)).toList();
    assertEquals(200, queuedAttempts.getLast().answeredWith());
    assertTrue(queuedAttempts.getLast().arrivedNanos() < judged.arrivedNanos());
  }

  @Test
  void aWebhookForOneClientGetsOnlyThatClientsItems() throws Exception {
    try (TestReceiver everything = new TestReceiver()) {
      webhooks.register(receiver.url(), List.of("item.queued"), "configured-2");
      webhooks.register(everything.url(), List.of("item.queued"), null);

      String site = uniqueSite();
      long mine = queue(OTHER_API_KEY, site, "review", "client two", null);
      long theirs = queue(API_KEY, site, "review", "client one", null);

      // The unfiltered webhook gets both; the one for configured-2 gets its item only
      everything.await(x -> about(x, "item.queued", mine), WAIT);
      everything.await(x -> about(x, "item.queued", theirs), WAIT);
      TestReceiver.Received r = receiver.await(x -> about(x, "item.queued", mine), WAIT);
      assertEquals("configured-2", json(r).getString("item.clientLabel"));
      assertTrue(
          receiver.received().stream()
              .allMatch(x -> "configured-2".equals(json(x).getString("item.clientLabel"))),
          "a request for another client reached the filtered webhook");
    }
  }

  @Test
  void anAdminCanRedeliverADelivery() {
    WebhookFixture.Registered hook =
        webhooks.register(receiver.url(), List.of("item.queued"), null);
    long item = queue(uniqueSite(), "review", "redelivered");
    TestReceiver.Received first = receiver.await(x -> about(x, "item.queued", item), WAIT);

    long deliveryId =
        asAdmin()
            .get("/admin/webhooks/{id}/deliveries", hook.id())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .<Map<String, Object>>getList("deliveries")
            .stream()
            .filter(d -> ((Number) d.get("itemId")).longValue() == item)
            .map(d -> ((Number) d.get("id")).longValue())
            .findFirst()
            .orElseThrow();
    // One delivery shows the body it sends
    asAdmin()
        .get("/admin/webhooks/{id}/deliveries/{d}", hook.id(), deliveryId)
        .then()
        .statusCode(200)
        .body("state", equalTo("delivered"))
        .body("payload.id", equalTo(first.delivery()))
        .body("payload.item.id", equalTo((int) item));

    asAdmin()
        .post("/admin/webhooks/{id}/deliveries/{d}/redeliver", hook.id(), deliveryId)
        .then()
        .statusCode(202)
        .body("state", equalTo("pending"));

    // The same event, byte for byte, with the same signature
    List<TestReceiver.Received> both =
        receiver.awaitCount(x -> about(x, "item.queued", item), 2, WAIT);
    assertEquals(first.delivery(), both.get(1).delivery());
    assertArrayEquals(first.body(), both.get(1).body());
    assertEquals(first.signature(), both.get(1).signature());

    asAdmin()
        .post("/admin/webhooks/{id}/deliveries/{d}/redeliver", hook.id(), 999_999_999)
        .then()
        .statusCode(404);
  }

  @Test
  void aReceiverThatKeepsFailingPausesItsWebhookUntilItAnswersOrAnAdminRedelivers() {
    WebhookFixture.Registered hook =
        webhooks.register(receiver.url(), List.of("item.queued"), null);
    receiver.answerWith(503);
    long item = queue(uniqueSite(), "review", "paused webhook");

    // Three failures in a row pause the webhook (shown in its listing)
    receiver.awaitCount(x -> about(x, "item.queued", item), 3, WAIT);
    JsonPath failing = awaitWebhook(hook.id(), w -> w.getInt("consecutiveFailures") >= 3);
    assertTrue(failing.getString("pausedUntil") != null, failing.prettify());
    assertTrue(failing.getString("failingSince") != null);
    assertEquals(1, failing.getInt("pending"));
    assertEquals("HTTP 503", failing.getString("lastDeliveries[0].lastError"));

    // When the receiver is back and an admin redelivers, it goes out at once, pause or not
    receiver.answerWith(200);
    long deliveryId = failing.getLong("lastDeliveries[0].id");
    asAdmin()
        .post("/admin/webhooks/{id}/deliveries/{d}/redeliver", hook.id(), deliveryId)
        .then()
        .statusCode(202);
    receiver.await(x -> about(x, "item.queued", item) && x.answeredWith() == 200, WAIT);

    // And the webhook is healthy again
    JsonPath healthy = awaitWebhook(hook.id(), w -> w.getInt("consecutiveFailures") == 0);
    assertNull(healthy.getString("pausedUntil"));
    assertNull(healthy.getString("failingSince"));
    assertEquals(0, healthy.getInt("pending"));
  }

  private static JsonPath awaitWebhook(long id, java.util.function.Predicate<JsonPath> matching) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonPath w =
          asAdmin().get("/admin/webhooks/{id}", id).then().statusCode(200).extract().jsonPath();
      if (matching.test(w)) {
        return w;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("webhook " + id + " never reached the expected state");
  }

  @Test
  void theLongestFieldsFullOfEscapedCharactersStillQueueAndArrive() {
    webhooks.register(receiver.url(), List.of("item.queued"), null);
    // every character of id, site and permalink a control character JSON writes as \\u00XX
    String site = "\u0001".repeat(200);
    String permalink = "\u0002".repeat(2000);
    String externalId = "\u0003".repeat(200);
    Number id =
        io.restassured.RestAssured.given()
            .header("X-Api-Key", API_KEY)
            .contentType(io.restassured.http.ContentType.JSON)
            .body(
                Map.of(
                    "content",
                    "long fields COMMENTSHIELD-TEST-REVIEW",
                    "externalId",
                    externalId,
                    "context",
                    Map.of("site", site, "permalink", permalink)))
            .post("/classify")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    TestReceiver.Received r = receiver.await(x -> about(x, "item.queued", id.longValue()), WAIT);
    assertEquals(permalink, json(r).getString("item.permalink"));
    assertEquals(externalId, json(r).getString("item.externalId"));
  }

  @Test
  void aDeletedWebhookGetsNothingMore() {
    WebhookFixture.Registered hook =
        webhooks.register(receiver.url(), List.of("item.queued"), null);
    asAdmin().delete("/admin/webhooks/{id}", hook.id()).then().statusCode(204);

    long item = queue(uniqueSite(), "review", "after deletion");
    // Another webhook registered later sees the item, so the deleted one had its chance
    try (TestReceiver later = new TestReceiver()) {
      webhooks.register(later.url(), List.of("item.queued"), null);
      long next = queue(uniqueSite(), "review", "after deletion, second");
      later.await(x -> about(x, "item.queued", next), WAIT);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertTrue(
        receiver.received().stream().noneMatch(x -> about(x, "item.queued", item)),
        "a deleted webhook received an event");
  }
}
