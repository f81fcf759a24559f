package com.commentshield.akismet;

import static com.commentshield.akismet.AkismetFixture.comment;
import static com.commentshield.akismet.AkismetFixture.form;
import static com.commentshield.akismet.AkismetFixture.issueKey;
import static com.commentshield.akismet.AkismetFixture.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account calls the WordPress plugin makes answer with the key's real counts. */
@QuarkusTest
class AkismetAccountTest {

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  /** Two spam and one ham checks, one missed spam and one false positive, on one site. */
  private static String keyWithActivity(String blog) {
    String key = issueKey();
    for (String content :
        new String[] {
          unique("a COMMENTSHIELD-TEST-BLOCK"),
          unique("b COMMENTSHIELD-TEST-REVIEW"),
          unique("c COMMENTSHIELD-TEST-ALLOW")
        }) {
      form()
          .formParams(comment(content, "api_key", key, "blog", blog))
          .post("/1.1/comment-check")
          .then()
          .statusCode(200);
    }
    form()
        .formParams(comment(unique("missed"), "api_key", key, "blog", blog))
        .post("/1.1/submit-spam")
        .then()
        .statusCode(200);
    form()
        .formParams(comment(unique("wrongly flagged"), "api_key", key, "blog", blog))
        .post("/1.1/submit-ham")
        .then()
        .statusCode(200);
    return key;
  }

  @Test
  void getStatsCountsWhatTheKeyDid() {
    String key = keyWithActivity("https://stats.example/");
    for (String from : new String[] {"all", "6-months", "60-days"}) {
      form()
          .formParam("key", key)
          .formParam("blog", "https://stats.example/")
          .formParam("from", from)
          .post("/1.1/get-stats")
          .then()
          .statusCode(200)
          .contentType("application/json")
          .body("spam", equalTo(2))
          .body("ham", equalTo(1))
          .body("missed_spam", equalTo(1))
          .body("false_positives", equalTo(1))
          .body("accuracy", equalTo(33.33f));
    }
  }

  @Test
  void concurrentFirstChecksOfAMonthAreAllCounted() throws Exception {
    // the first count of a month inserts the row; racing inserts must not lose a count
    String key = issueKey();
    int checks = 16;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < checks; i++) {
        answers.add(
            pool.submit(
                () ->
                    form()
                        .formParams(
                            comment(
                                unique("race COMMENTSHIELD-TEST-ALLOW"),
                                "api_key",
                                key,
                                "blog",
                                "https://race.example/"))
                        .post("/1.1/comment-check")
                        .statusCode()));
      }
      for (Future<Integer> answer : answers) {
        assertEquals(200, answer.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    form().formParam("api_key", key).post("/1.2/usage-limit").then().body("usage", equalTo(checks));
  }

  @Test
  void usageLimitCountsThisMonthsChecksByPostAndByGet() {
    String key = keyWithActivity("https://usage.example/");
    form()
        .formParam("api_key", key)
        .post("/1.2/usage-limit")
        .then()
        .statusCode(200)
        .body("usage", equalTo(3))
        .body("limit", equalTo("none"))
        .body("throttled", equalTo(false));
    given().queryParam("api_key", key).get("/1.2/usage-limit").then().body("usage", equalTo(3));
  }

  @Test
  void keySitesListsTheSitesThatUsedTheKey() {
    String key = keyWithActivity("https://sites.example/");
    String month = YearMonth.now(ZoneOffset.UTC).toString();
    given()
        .queryParam("api_key", key)
        .get("/1.2/key-sites")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("'" + month + "'", hasSize(1))
        .body("'" + month + "'[0].site", equalTo("sites.example"))
        .body("'" + month + "'[0].api_calls", equalTo("3"))
        .body("'" + month + "'[0].spam", equalTo("2"))
        .body("'" + month + "'[0].missed_spam", equalTo("1"));
    given()
        .queryParam("api_key", key)
        .queryParam("filter", "nothing-like-it")
        .get("/1.2/key-sites")
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void everyCallAlsoAnswersUnderTheOtherVersionPrefix() {
    form()
        .formParam("api_key", TestApi.KEY)
        .post("/1.1/usage-limit")
        .then()
        .statusCode(200)
        .body("limit", equalTo("none"));
    given()
        .queryParam("api_key", TestApi.KEY)
        .get("/1.1/key-sites")
        .then()
        .statusCode(200)
        .body("offset", equalTo(0));
    form()
        .formParams(comment("A kind word about the weather."))
        .post("/1.2/comment-check")
        .then()
        .statusCode(200)
        .body(equalTo("false"));
    form().formParam("api_key", TestApi.KEY).post("/1.2/no-such-call").then().statusCode(404);
  }

  @Test
  void getSubscriptionAndDeactivateAnswerForAValidKey() {
    form()
        .formParam("key", TestApi.KEY)
        .formParam("blog", "https://blog.example/")
        .post("/1.1/get-subscription")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"))
        .body("account_type", equalTo("self-hosted"));
    form()
        .formParam("key", TestApi.KEY)
        .formParam("blog", "https://blog.example/")
        .post("/1.1/deactivate")
        .then()
        .body(equalTo("deactivated"));
    form()
        .formParam("key", TestApi.KEY)
        .formParam("blog", "https://blog.example/")
        .post("/1.1/verify-key")
        .then()
        .body(equalTo("valid"));
  }

  @Test
  void withoutAValidKeyEveryAccountCallIsInvalidAndShowsNoData() {
    Map<String, String> paths =
        Map.of(
            "/1.1/get-stats",
            "post",
            "/1.2/usage-limit",
            "post",
            "/1.2/key-sites",
            "post",
            "/1.1/get-subscription",
            "post",
            "/1.1/deactivate",
            "post");
    for (String path : paths.keySet()) {
      form()
          .formParam("key", "wrong-key-12")
          .formParam("blog", "https://blog.example/")
          .post(path)
          .then()
          .statusCode(200)
          .body(equalTo("invalid"));
      form()
          .formParam("blog", "https://blog.example/")
          .post(path)
          .then()
          .statusCode(200)
          .body(equalTo("invalid"));
    }
    given().get("/1.2/key-sites").then().statusCode(200).body(equalTo("invalid"));
  }
}
