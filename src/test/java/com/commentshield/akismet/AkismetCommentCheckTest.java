package com.commentshield.akismet;

import static com.commentshield.akismet.AkismetFixture.comment;
import static com.commentshield.akismet.AkismetFixture.form;
import static com.commentshield.akismet.AkismetFixture.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** comment-check and verify-key answer exactly as Akismet does. */
@QuarkusTest
class AkismetCommentCheckTest {

  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  private static Response check(Map<String, String> fields) {
    return form().formParams(fields).post("/1.1/comment-check");
  }

  @Test
  void aValidKeyIsValid() {
    form()
        .formParam("key", TestApi.KEY)
        .formParam("blog", "https://blog.example/")
        .post("/1.1/verify-key")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/plain"))
        .body(equalTo("valid"));
    form()
        .formParam("api_key", TestApi.OTHER_KEY)
        .formParam("blog", "https://blog.example/")
        .post("/1.1/verify-key")
        .then()
        .body(equalTo("valid"));
  }

  @Test
  void anUnknownOrMissingKeyIsInvalidWithAnExplanation() {
    form()
        .formParam("key", "not-a-key-12")
        .formParam("blog", "https://blog.example/")
        .post("/1.1/verify-key")
        .then()
        .statusCode(200)
        .body(equalTo("invalid"))
        .header("X-akismet-debug-help", containsString("Invalid API key"));
    form()
        .formParam("blog", "https://blog.example/")
        .post("/1.1/verify-key")
        .then()
        .body(equalTo("invalid"))
        .header("X-akismet-debug-help", containsString("Missing required field: api_key"));
    form()
        .formParam("key", TestApi.KEY)
        .post("/1.1/verify-key")
        .then()
        .body(equalTo("invalid"))
        .header("X-akismet-debug-help", containsString("blog"));
  }

  @Test
  void aHamCommentIsFalseWithAGuidAndNoProTip() {
    check(comment("Thanks for the recipe, the bread came out great with a bit more salt."))
        .then()
        .statusCode(200)
        .contentType(startsWith("text/plain"))
        .body(equalTo("false"))
        .header("X-akismet-guid", matchesPattern(UUID_PATTERN))
        .header("X-akismet-pro-tip", nullValue());
  }

  @Test
  void aNulInAnAkismetFieldIsQueuedAsAReplacementCharacter() {
    // Given a blocked comment whose content and author carry U+0000 (PostgreSQL refuses it)
    String text = unique("Cheap\u0000pills COMMENTSHIELD-TEST-BLOCK");
    Map<String, String> fields = comment(text, "comment_author", "Rea\u0000der");

    // When it is checked, Then it is spam and queued with U+FFFD in place of each U+0000
    Response answer = check(fields);
    answer.then().statusCode(200).body(equalTo("true"));
    String guid = answer.header("X-akismet-guid");
    String item = "items.find { it.externalId == '" + guid + "' }";
    AkismetFixture.queueOf(fields)
        .body(item + ".content", equalTo(text.replace('\u0000', '\uFFFD')))
        .body(item + ".author.name", equalTo("Rea\uFFFDder"));
  }

  @Test
  void aBlockedCommentIsTrueWithDiscardAndIsQueuedUnderItsGuid() {
    String text = unique("Cheap pills COMMENTSHIELD-TEST-BLOCK");
    Map<String, String> fields = comment(text);
    Response answer = check(fields);
    answer.then().body(equalTo("true")).header("X-akismet-pro-tip", equalTo("discard"));
    String guid = answer.header("X-akismet-guid");

    AkismetFixture.queueOf(fields)
        .body("items.find { it.externalId == '" + guid + "' }.content", equalTo(text))
        .body("items.find { it.externalId == '" + guid + "' }.decision", equalTo("block"));
  }

  @Test
  void aCommentHeldForReviewIsTrueWithoutDiscard() {
    check(comment(unique("Maybe COMMENTSHIELD-TEST-REVIEW")))
        .then()
        .body(equalTo("true"))
        .header("X-akismet-pro-tip", nullValue())
        .header("X-akismet-guid", notNullValue());
  }

  @Test
  void theKeyMayBeTheHostNamePrefix() {
    Map<String, String> fields = comment("A plain and friendly comment about gardening.");
    fields.remove("api_key");
    form()
        .header("Host", TestApi.KEY + ".rest.akismet.com")
        .formParams(fields)
        .post("/1.1/comment-check")
        .then()
        .body(equalTo("false"));
  }

  @Test
  void anUnparseableContentTypeIsReadAsAForm() {
    // what the npm package akismet 2.0.7 sends
    io.restassured.RestAssured.given()
        .header("Content-Type", "charset=utf-8")
        .body(
            ("key=" + TestApi.KEY + "&blog=https%3A%2F%2Fblog.example%2F")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .post("/1.1/verify-key")
        .then()
        .statusCode(200)
        .body(equalTo("valid"));
  }

  @Test
  void aCheckWithABadKeyOrWithoutUserIpIsInvalidAndStillCarriesAGuid() {
    check(comment("hello", "api_key", "wrong-key-12"))
        .then()
        .statusCode(200)
        .body(equalTo("invalid"))
        .header("X-akismet-debug-help", containsString("Invalid API key"))
        .header("X-akismet-guid", notNullValue());
    Map<String, String> noIp = comment("hello");
    noIp.remove("user_ip");
    check(noIp)
        .then()
        .body(equalTo("invalid"))
        .header("X-akismet-debug-help", containsString("user_ip"));
  }

  @Test
  void anAdministratorIsNeverSpam() {
    check(comment(unique("Buy now COMMENTSHIELD-TEST-BLOCK"), "user_role", "administrator"))
        .then()
        .body(equalTo("false"))
        .header("X-akismet-pro-tip", nullValue());
  }

  @Test
  void aFilledHoneypotIsSpam() {
    Map<String, String> filled =
        comment(
            unique("An innocent looking comment"),
            "honeypot_field_name",
            "hidden_hp",
            "hidden_hp",
            "i am a bot");
    Response answer = check(filled);
    answer.then().body(equalTo("true")).header("X-akismet-pro-tip", equalTo("discard"));
    // queued with the rule as its first reason and the probability the rule forced
    String item = "items.find { it.externalId == '" + answer.header("X-akismet-guid") + "' }";
    AkismetFixture.queueOf(filled)
        .body(item + ".spamProbability", equalTo(1.0f))
        .body(item + ".reasons[0].kind", equalTo("rule"))
        .body(item + ".reasons[0].feature", equalTo("honeypot field filled in"))
        .body(item + ".reasons[0].weight", greaterThan(0f));
    check(
            comment(
                "An innocent looking comment", "honeypot_field_name", "hidden_hp", "hidden_hp", ""))
        .then()
        .body(equalTo("false"));
  }

  @Test
  void akismetsTestTriggersAreSpam() {
    check(comment(unique("Nice post"), "comment_author", "viagra-test-123"))
        .then()
        .body(equalTo("true"));
    check(
            comment(
                unique("Nice post"), "comment_author_email", "akismet-guaranteed-spam@example.com"))
        .then()
        .body(equalTo("true"));
  }

  @Test
  void aTestCallIsAnsweredButNotQueued() {
    Map<String, String> fields =
        comment(unique("Test call COMMENTSHIELD-TEST-BLOCK"), "is_test", "1");
    check(fields).then().body(equalTo("true"));
    AkismetFixture.queueOf(fields).body("total", equalTo(0));
  }

  @Test
  void everyDocumentedFieldAndUnknownServerVariablesAreAccepted() {
    check(
            comment(
                "Lovely photos of the lake at sunrise, thank you for sharing.",
                "referrer",
                "https://blog.example/",
                "comment_date_gmt",
                "2024-03-01 12:30:00",
                "comment_post_modified_gmt",
                "2024-02-28T08:00:00Z",
                "comment_parent",
                "12",
                "blog_lang",
                "en_us",
                "blog_charset",
                "UTF-8",
                "user_role",
                "subscriber",
                "recheck_reason",
                "edit",
                "comment_context[]",
                "photography",
                "POST_ak_js",
                "1700000000",
                "HTTP_ACCEPT_LANGUAGE",
                "en",
                "REMOTE_ADDR",
                "203.0.113.7"))
        .then()
        .statusCode(200)
        .body(equalTo("false"));
  }

  @Test
  void aRecheckOfAQueuedCommentIsNotQueuedTwice() {
    Map<String, String> fields = comment(unique("Recheck me COMMENTSHIELD-TEST-REVIEW"));
    check(fields).then().body(equalTo("true"));
    fields.put("recheck_reason", "edit");
    check(fields).then().body(equalTo("true"));
    AkismetFixture.queueOf(fields).body("total", equalTo(1));
  }
}
