package com.commentshield.classify;

import static com.commentshield.common.TestApi.problem;
import static com.commentshield.moderation.QueueFixture.API_KEY;
import static com.commentshield.moderation.QueueFixture.OTHER_API_KEY;
import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verdict feed a client polls with its API key: the verdicts on its own items, oldest first,
 * paged by a cursor that misses nothing and repeats nothing; never another client's.
 */
@QuarkusTest
class VerdictFeedTest {

  @Test
  void theCursorWalksTheVerdictsOldestFirstAndStopsAtTheEnd() {
    String start = endOfFeed(API_KEY);

    // Given three items of this client judged in this order (the middle one twice)
    String site = uniqueSite();
    long a = queue(API_KEY, site, "review", "feed a", "feed-a");
    long b = queue(API_KEY, site, "block", "feed b", "feed-b");
    long c = queue(API_KEY, site, "review", "feed c", "feed-c");
    judge(b, "spam");
    judge(a, "ham");
    judge(c, "spam");
    judge(b, "ham");

    // When the client reads two at a time from where it stopped
    List<Map<String, Object>> seen = new ArrayList<>();
    String cursor = start;
    JsonPath page = null;
    for (int round = 0; round < 100 && ours(seen, site).size() < 4; round++) {
      page = feed(API_KEY, cursor, 2);
      List<Map<String, Object>> verdicts = page.getList("verdicts");
      assertTrue(verdicts.size() <= 2);
      seen.addAll(verdicts);
      cursor = page.getString("next");
      if (verdicts.isEmpty()) {
        sleep(100); // published within a second of the verdict
      }
    }

    // Then it sees each verdict once, in the order they were given, with the item's details
    List<Map<String, Object>> mine = ours(seen, site);
    assertEquals(
        List.of(b + "/spam", a + "/ham", c + "/spam", b + "/ham"),
        mine.stream().map(v -> item(v).get("id") + "/" + item(v).get("label")).toList());
    Map<String, Object> first = mine.getFirst();
    assertEquals("item.judged", first.get("type"));
    assertEquals("feed-b", item(first).get("externalId"));
    assertEquals("configured-1", item(first).get("clientLabel"));
    assertEquals("moderator", item(first).get("decidedBy"));
    assertEquals(seen.size(), seen.stream().map(v -> v.get("id")).distinct().count(), "no repeats");

    // And at the end the cursor stays where it is
    JsonPath end = feed(API_KEY, cursor, 500);
    assertEquals(List.of(), end.getList("verdicts"));
    assertEquals(cursor, end.getString("next"));
  }

  @Test
  void aClientSeesOnlyTheVerdictsOnItsOwnItems() {
    String startOne = endOfFeed(API_KEY);
    String startTwo = endOfFeed(OTHER_API_KEY);
    String site = uniqueSite();
    long one = queue(API_KEY, site, "review", "client one's", null);
    long two = queue(OTHER_API_KEY, site, "review", "client two's", null);
    judge(one, "spam");
    judge(two, "spam");

    List<Object> twoSees = awaitItems(OTHER_API_KEY, startTwo, two);
    List<Object> oneSees = awaitItems(API_KEY, startOne, one);
    assertTrue(!twoSees.contains((int) one) && !twoSees.contains(one), "client two saw " + one);
    assertTrue(!oneSees.contains((int) two) && !oneSees.contains(two), "client one saw " + two);
    // and from the very beginning too: nothing of the other client, ever
    assertTrue(
        allOf(OTHER_API_KEY).stream()
            .allMatch(v -> "configured-2".equals(item(v).get("clientLabel"))));
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    for (String bad : new String[] {"0", "501", "ten", "-1"}) {
      given()
          .header("X-Api-Key", API_KEY)
          .queryParam("limit", bad)
          .get("/classify/verdicts")
          .then()
          .spec(problem(400))
          .body("errors[0].field", equalTo("limit"));
    }
    for (String bad : new String[] {"abc", "-5", "1234567890123456789012"}) {
      given()
          .header("X-Api-Key", API_KEY)
          .queryParam("after", bad)
          .get("/classify/verdicts")
          .then()
          .spec(problem(400))
          .body("errors[0].field", equalTo("after"));
    }
    given().get("/classify/verdicts").then().statusCode(401);
    given().header("X-Api-Key", "not-a-key").get("/classify/verdicts").then().statusCode(401);
  }

  private static void judge(long id, String label) {
    asModerator()
        .contentType(ContentType.JSON)
        .body(Map.of("label", label))
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(200);
  }

  private static JsonPath feed(String key, String after, int limit) {
    var request = given().header("X-Api-Key", key).queryParam("limit", limit);
    if (after != null) {
      request = request.queryParam("after", after);
    }
    return request.get("/classify/verdicts").then().statusCode(200).extract().jsonPath();
  }

  /** The cursor after everything published so far. */
  private static String endOfFeed(String key) {
    String cursor = null;
    while (true) {
      JsonPath page = feed(key, cursor, 500);
      cursor = page.getString("next");
      if (page.getList("verdicts").isEmpty()) {
        return cursor;
      }
    }
  }

  private static List<Map<String, Object>> allOf(String key) {
    List<Map<String, Object>> all = new ArrayList<>();
    String cursor = null;
    while (true) {
      JsonPath page = feed(key, cursor, 500);
      List<Map<String, Object>> verdicts = page.getList("verdicts");
      if (verdicts.isEmpty()) {
        return all;
      }
      all.addAll(verdicts);
      cursor = page.getString("next");
    }
  }

  private static List<Object> awaitItems(String key, String from, long expected) {
    List<Object> ids = new ArrayList<>();
    String cursor = from;
    for (int round = 0; round < 100; round++) {
      JsonPath page = feed(key, cursor, 500);
      List<Map<String, Object>> verdicts = page.getList("verdicts");
      verdicts.forEach(v -> ids.add(item(v).get("id")));
      cursor = page.getString("next");
      if (ids.stream().anyMatch(id -> ((Number) id).longValue() == expected)) {
        return ids;
      }
      sleep(100);
    }
    throw new AssertionError("item " + expected + " never appeared in the feed");
  }

  private static List<Map<String, Object>> ours(List<Map<String, Object>> verdicts, String site) {
    return verdicts.stream().filter(v -> site.equals(item(v).get("site"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> item(Map<String, Object> verdict) {
    return (Map<String, Object>) verdict.get("item");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
