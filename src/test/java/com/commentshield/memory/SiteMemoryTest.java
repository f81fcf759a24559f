package com.commentshield.memory;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verdicts, reports and list entries change the very next decision, with reasons that say why. */
@QuarkusTest
@TestProfile(MemoryOn.class)
class SiteMemoryTest {

  @jakarta.inject.Inject SiteMemory memory;

  @Test
  void onlyOneSidedReputationMayCarryACommentIntoBlock() {
    for (int i = 0; i < 3; i++) {
      report(
          "{\"content\":\"promo "
              + i
              + " "
              + "y".repeat(i + 1)
              + " at http://one"
              + i
              + ".onesided.example\",\"label\":\"spam\"}");
      report(
          "{\"content\":\"clip "
              + i
              + " "
              + "z".repeat(i + 1)
              + " at http://v"
              + i
              + ".mixed.example\",\"label\":\"spam\"}");
    }
    report("{\"content\":\"the talk is at http://talks.mixed.example/42\",\"label\":\"ham\"}");
    SiteMemory.Assessment oneSided =
        memory.assess(com.commentshield.comment.Comment.of("new one http://x.onesided.example"));
    SiteMemory.Assessment mixed =
        memory.assess(com.commentshield.comment.Comment.of("new one http://x.mixed.example"));
    org.junit.jupiter.api.Assertions.assertTrue(oneSided.reputationMayBlock(), oneSided.toString());
    org.junit.jupiter.api.Assertions.assertTrue(oneSided.logOdds() > 0);
    org.junit.jupiter.api.Assertions.assertFalse(mixed.reputationMayBlock(), mixed.toString());
    org.junit.jupiter.api.Assertions.assertTrue(mixed.logOdds() > 0, mixed.toString());
  }

  @BeforeEach
  void ready() {
    awaitModel();
  }

  private static JsonPath classify(String json) {
    return given()
        .spec(client())
        .body(json)
        .post("/classify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath classifyText(String text) {
    return classify("{\"content\":\"" + text + "\"}");
  }

  private static void report(String json) {
    given().spec(client()).body(json).post("/feedback").then().statusCode(200);
  }

  @Test
  void aModeratorsSpamVerdictBlocksNearCopiesWithAReasonNamingTheItem() {
    String text =
        "Thanks for the video, I run a small bakery in Leeds and we ship sourdough kits all over";
    long id = classifyText(text + " COMMENTSHIELD-TEST-REVIEW").getLong("id");
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .contentType(ContentType.JSON)
        .body("{\"label\":\"spam\"}")
        .post("/moderation/items/" + id + "/verdict")
        .then()
        .statusCode(200);

    JsonPath again = classifyText(text.replace("small", "little") + " the country");
    int remembered = memory.remembered();
    org.junit.jupiter.api.Assertions.assertEquals("block", again.getString("decision"));
    org.junit.jupiter.api.Assertions.assertEquals(1.0, again.getDouble("spamProbability"));
    org.hamcrest.MatcherAssert.assertThat(
        again.getString("reasons[0].feature"), startsWith("near-copy"));
    org.hamcrest.MatcherAssert.assertThat(
        again.getString("reasons[0].feature"),
        containsString("of #" + id + ", judged spam by moderator moderator on "));
    org.junit.jupiter.api.Assertions.assertEquals("memory", again.getString("reasons[0].kind"));

    // the moderator takes the verdict back: the memory forgets it
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .post("/moderation/items/" + id + "/undo")
        .then()
        .statusCode(200);
    org.junit.jupiter.api.Assertions.assertEquals(remembered - 1, memory.remembered());
    org.hamcrest.MatcherAssert.assertThat(
        classifyText(text.replace("small", "little") + " the country")
            .getString("reasons[0].feature"),
        not(startsWith("near-copy")));
  }

  @Test
  void anUndoneVerdictIsForgotten() {
    String text =
        "We restore vintage bicycles in our Bristol workshop and post the before and after photos";
    long id = classifyText(text + " COMMENTSHIELD-TEST-REVIEW").getLong("id");
    var moderator = given().auth().preemptive().basic("moderator", "moderator-test-password");
    moderator
        .contentType(ContentType.JSON)
        .body("{\"label\":\"spam\"}")
        .post("/moderation/items/" + id + "/verdict")
        .then()
        .statusCode(200);
    org.junit.jupiter.api.Assertions.assertEquals(
        "memory", classifyText(text).getString("reasons[0].kind"));

    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .post("/moderation/items/" + id + "/undo")
        .then()
        .statusCode(200);
    org.junit.jupiter.api.Assertions.assertNotEquals(
        "memory", classifyText(text).getString("reasons[0].kind"));
  }

  @Test
  void theSameTextJudgedHamIsAllowedAndALaterSpamVerdictReplacesIt() {
    String text = "Check the repo at https://github.com/acme/widgets/issues/42 for the same fix";
    report("{\"content\":\"" + text + "\",\"label\":\"ham\"}");
    JsonPath ham = classifyText(text);
    org.junit.jupiter.api.Assertions.assertEquals("allow", ham.getString("decision"));
    org.hamcrest.MatcherAssert.assertThat(
        ham.getString("reasons[0].feature"), startsWith("same text as labeled example"));

    report("{\"content\":\"" + text + "\",\"label\":\"spam\"}");
    JsonPath spam = classifyText(text);
    org.junit.jupiter.api.Assertions.assertEquals("block", spam.getString("decision"));
    org.hamcrest.MatcherAssert.assertThat(
        spam.getString("reasons[0].feature"), containsString("judged spam by feedback"));
  }

  @Test
  void linkDomainReputationIsANamedSignal() {
    for (int i = 0; i < 3; i++) {
      report(
          "{\"content\":\"order "
              + i
              + " essays now, different words each time "
              + "x".repeat(i + 1)
              + " http://w"
              + i
              + ".essays-fast.example/p\",\"label\":\"spam\"}");
    }
    JsonPath next =
        classifyText("my thoughts on the lecture are at https://notes.essays-fast.example/today");
    org.hamcrest.MatcherAssert.assertThat(
        next.getString("reasons.feature"),
        containsString("link domain essays-fast.example: 3 comments judged spam, 0 ham"));
  }

  @Test
  void anAuthorWithThreeApprovedCommentsIsNotBlockedByTheModelUntilOneIsJudgedSpam() {
    String author =
        ",\"author\":{\"email\":\"reader@bakery.example\"},\"context\":{\"site\":\"trust.example\"}";
    for (int i = 0; i < 3; i++) {
      report(
          "{\"content\":\"lovely recipe number "
              + i
              + ", thanks\",\"label\":\"ham\""
              + author
              + "}");
    }
    String spammy =
        "BUY CHEAP VIAGRA CIALIS PILLS ONLINE http://bit.ly/x7 cheap pharmacy pills casino bonus"
            + " win money now http://pills-cheap.example";
    JsonPath trusted = classify("{\"content\":\"" + spammy + "\"" + author + "}");
    org.junit.jupiter.api.Assertions.assertEquals("review", trusted.getString("decision"));
    org.hamcrest.MatcherAssert.assertThat(
        trusted.getString("reasons.feature"), containsString("trusted author: 3 comments"));

    report("{\"content\":\"spam from them after all\",\"label\":\"spam\"" + author + "}");
    JsonPath ended = classify("{\"content\":\"" + spammy + "\"" + author + "}");
    org.junit.jupiter.api.Assertions.assertEquals("block", ended.getString("decision"));
  }

  @Test
  void listsBlockAndAllowOnEveryDoorAndNameTheEntry() {
    long id =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(
                "{\"list\":\"deny\",\"kind\":\"domain\",\"value\":\"Cheap-Essays.example\","
                    + "\"note\":\"essay mill\"}")
            .post("/admin/lists")
            .then()
            .statusCode(201)
            .body("value", equalTo("cheap-essays.example"))
            .extract()
            .jsonPath()
            .getLong("id");
    JsonPath denied = classifyText("a helpful link http://www.cheap-essays.example/free");
    org.junit.jupiter.api.Assertions.assertEquals("block", denied.getString("decision"));
    org.junit.jupiter.api.Assertions.assertEquals(
        "deny list: domain cheap-essays.example (essay mill) #" + id,
        denied.getString("reasons[0].feature"));

    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"list\":\"allow\",\"kind\":\"ip\",\"value\":\"198.51.100.0/24\"}")
        .post("/admin/lists")
        .then()
        .statusCode(201);
    JsonPath allowed =
        classify(
            "{\"content\":\"BUY CHEAP VIAGRA CIALIS PILLS http://bit.ly/x\","
                + "\"context\":{\"ip\":\"198.51.100.20\"}}");
    org.junit.jupiter.api.Assertions.assertEquals("allow", allowed.getString("decision"));

    asAdmin()
        .get("/admin/lists")
        .then()
        .statusCode(200)
        .body("value", org.hamcrest.Matchers.hasItem("cheap-essays.example"));
    asAdmin().delete("/admin/lists/" + id).then().statusCode(204);
    asAdmin().delete("/admin/lists/" + id).then().statusCode(404);
    JsonPath after = classifyText("a helpful link http://www.cheap-essays.example/free");
    org.hamcrest.MatcherAssert.assertThat(
        after.getString("reasons[0].feature"), not(startsWith("deny list")));
  }

  @Test
  void badListEntriesAreRefusedNamingTheFieldAndModeratorsMayNotEditLists() {
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"list\":\"deny\",\"kind\":\"ip\",\"value\":\"10.0.0.0/40\"}")
        .post("/admin/lists")
        .then()
        .statusCode(400)
        .body("detail", startsWith("value:"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"list\":\"block\",\"kind\":\"ip\",\"value\":\"10.0.0.1\"}")
        .post("/admin/lists")
        .then()
        .statusCode(400)
        .body("detail", startsWith("list:"));
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .contentType(ContentType.JSON)
        .body("{\"list\":\"deny\",\"kind\":\"ip\",\"value\":\"10.0.0.1\"}")
        .post("/admin/lists")
        .then()
        .statusCode(403);
    given()
        .spec(client())
        .body("{\"list\":\"deny\",\"kind\":\"ip\",\"value\":\"10.0.0.1\"}")
        .post("/admin/lists")
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(403)));
  }
}
