package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asAdmin;
import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.queueBy;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.common.WebPages;
import com.commentshield.examples.LabeledExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Search, undo, per-author verdicts and the counts of the queue, over the API and the page. */
@QuarkusTest
class QueueActionsTest {

  @Test
  void searchFindsItemsByTextAuthorEmailIpAndSite() {
    String site = uniqueSite();
    String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
    String email = word + "@search.example";
    long byText = queue(site, "review", "a comment about " + word + " and more");
    long byEmail = queueBy(uniqueSite(), "review", "nothing to see", "Someone", email);
    long other = queue(site, "review", "unrelated text");

    asModerator()
        .queryParam("q", word.toUpperCase())
        .get("/moderation/items")
        .then()
        .statusCode(200)
        .body("items.id", containsInAnyOrder((int) byText, (int) byEmail));
    asModerator()
        .queryParam("q", site)
        .get("/moderation/items")
        .then()
        .body("items.id", containsInAnyOrder((int) byText, (int) other));
    asModerator()
        .queryParam("q", "203.0.113.7 " + word)
        .get("/moderation/items")
        .then()
        .body("items.id", containsInAnyOrder((int) byText, (int) byEmail));
    asModerator()
        .queryParam("q", word)
        .get("/moderation")
        .then()
        .statusCode(200)
        .body(containsString("id=\"item-" + byText + "\""))
        .body(not(containsString("id=\"item-" + other + "\"")));
  }

  @Test
  void aModeratorUndoesTheirOwnVerdictWithinAMinute() {
    long id = queue(uniqueSite(), "review", "undo me");
    asModerator()
        .contentType("application/json")
        .body(Map.of("label", "spam"))
        .post("/moderation/items/{id}/verdict", id)
        .then()
        .statusCode(200);

    // someone else may not take it back
    asAdmin()
        .post("/moderation/items/{id}/undo", id)
        .then()
        .statusCode(409)
        .body("detail", containsString("judged by someone else"));

    asModerator()
        .post("/moderation/items/{id}/undo", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("verdict", nullValue())
        .body("history.label", hasItem("undone"));
    assertTrue(
        QuarkusTransaction.requiringNew().call(() -> LabeledExample.forItem(id).isEmpty()),
        "the labeled example should be gone");
    // nothing left to undo
    asModerator().post("/moderation/items/{id}/undo", id).then().statusCode(409);
    asModerator().post("/moderation/items/{id}/undo", 987_654_321L).then().statusCode(404);
  }

  @Test
  void judgingAllPendingCommentsOfAnAuthorLeavesOthersAlone() {
    String email = "spammer-" + UUID.randomUUID().toString().substring(0, 6) + "@x.example";
    long first = queueBy(uniqueSite(), "review", "buy one", "Spammer", email);
    long second = queueBy(uniqueSite(), "block", "buy two", "Spammer", email.toUpperCase());
    long bystander = queueBy(uniqueSite(), "review", "hello", "Spammer", "other@x.example");

    asModerator()
        .contentType("application/json")
        .body(Map.of("label", "spam"))
        .post("/moderation/items/{id}/author-verdict", first)
        .then()
        .statusCode(200)
        .body("judged", containsInAnyOrder((int) first, (int) second));
    asModerator().get("/moderation/items/{id}", second).then().body("verdict", equalTo("spam"));
    asModerator()
        .get("/moderation/items/{id}", bystander)
        .then()
        .body("status", equalTo("pending"));
  }

  @Test
  void thePageOffersUndoAfterAVerdictAndTheUndoFormTakesItBack() {
    long id = queue(uniqueSite(), "review", "page undo");
    String token = asModerator().get("/moderation").then().extract().cookie(WebPages.CSRF_COOKIE);
    String location =
        asModerator()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .cookie(WebPages.CSRF_COOKIE, token)
            .formParam("csrf", token)
            .formParam("one", id + ":spam")
            .formParam("return", "status=pending")
            .post("/moderation/page/verdict")
            .then()
            .statusCode(303)
            .extract()
            .header("Location");
    assertTrue(location.contains("undo=" + id), location);
    asModerator()
        .cookie(WebPages.CSRF_COOKIE, token)
        .get(location)
        .then()
        .body(containsString("id=\"undo-button\""));

    asModerator()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .cookie(WebPages.CSRF_COOKIE, token)
        .formParam("csrf", token)
        .formParam("ids", String.valueOf(id))
        .formParam("return", "status=pending")
        .post("/moderation/page/undo")
        .then()
        .statusCode(303)
        .header("Location", containsString("message=Undone"));
    asModerator().get("/moderation/items/{id}", id).then().body("status", equalTo("pending"));
  }

  @Test
  void anEmptySelectionIsShownAsAnError() {
    String token = asModerator().get("/moderation").then().extract().cookie(WebPages.CSRF_COOKIE);
    String location =
        asModerator()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .cookie(WebPages.CSRF_COOKIE, token)
            .formParam("csrf", token)
            .formParam("bulk", "spam")
            .post("/moderation/page/verdict")
            .then()
            .statusCode(303)
            .extract()
            .header("Location");
    asModerator()
        .urlEncodingEnabled(false)
        .get(location)
        .then()
        .body(containsString("class=\"flash error\""))
        .body(containsString("Select items first"));
  }

  @Test
  void thePageCountsPendingItemsPerDecisionAndShowsReadableTimes() {
    queue(uniqueSite(), "block", "counted");
    String page = asModerator().get("/moderation").then().statusCode(200).extract().asString();
    assertTrue(page.matches("(?s).*id=\"count-review\">review \\d+<.*"), "review count");
    assertTrue(page.matches("(?s).*id=\"count-block\">block [1-9]\\d*<.*"), "block count");
    assertTrue(page.matches("(?s).*title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\">.*"));
    given().get("/moderation.js").then().statusCode(200).body(containsString("keydown"));
  }

  @Test
  void anObfuscatedCommentShowsItsNormalisedTextAndReasonsTheirKind() {
    String site = uniqueSite();
    queue(site, "review", "c i a l i s for ch3ap");
    asModerator()
        .queryParam("site", site)
        .get("/moderation")
        .then()
        .body(containsString("class=\"normalized\""))
        .body(containsString("cialis"))
        .body(containsString("class=\"kind\""));
    asModerator().queryParam("q", site).get("/moderation/items").then().body("items", hasSize(1));
  }

  @Test
  void trustingAnAuthorAllowsTheirAddressAndReleasesTheirPendingComments() {
    String email = "friend-" + UUID.randomUUID().toString().substring(0, 6) + "@x.example";
    long first = queueBy(uniqueSite(), "review", "a fair point", "Friend", email);
    long second = queueBy(uniqueSite(), "review", "another fair point", "Friend", email);

    asModerator()
        .post("/moderation/items/{id}/trust-author", first)
        .then()
        .statusCode(200)
        .body("entry.list", equalTo("allow"))
        .body("entry.kind", equalTo("email"))
        .body("entry.value", equalTo(email))
        .body("judged", containsInAnyOrder((int) first, (int) second));
    asModerator().get("/moderation/items/{id}", second).then().body("verdict", equalTo("ham"));
    asAdmin().get("/admin/lists").then().body("value", hasItem(email));
  }

  @Test
  void thePageShowsPendingCampaignsAndJudgesOneAsAWhole() {
    String site = uniqueSite();
    String text =
        "Earn 5000 dollars a week from home with this one simple trick, visit my profile "
            + UUID.randomUUID().toString().substring(0, 4);
    long a = queue(site, "review", text);
    long b = queue(site, "review", text);
    String page = asModerator().get("/moderation").then().statusCode(200).extract().asString();
    long campaign = Math.min(a, b);
    assertTrue(page.contains("id=\"campaign-" + campaign + "\""), "campaign listed");

    String token = asModerator().get("/moderation").then().extract().cookie(WebPages.CSRF_COOKIE);
    asModerator()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .cookie(WebPages.CSRF_COOKIE, token)
        .formParam("csrf", token)
        .formParam("campaign", campaign + ":spam")
        .post("/moderation/page/verdict")
        .then()
        .statusCode(303)
        .header("Location", containsString("undo="));
    asModerator().get("/moderation/items/{id}", a).then().body("verdict", equalTo("spam"));
    asModerator().get("/moderation/items/{id}", b).then().body("verdict", equalTo("spam"));
  }
}
