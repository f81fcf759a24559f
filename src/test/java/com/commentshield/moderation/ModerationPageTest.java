package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.asModerator;
import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModerationPageTest {

  @Test
  void markupInACommentIsShownAsTextNeverAsMarkup() {
    String site = uniqueSite();
    queue(site, "review", "<script>alert('x')</script><b>bold</b>");

    asModerator()
        .queryParam("site", site)
        .when()
        .get("/moderation")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(
            containsString(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"))
        .body(not(containsString("<script>alert")))
        .header("Content-Security-Policy", containsString("default-src 'none'"));
  }

  @Test
  void anonymousVisitorsAreSentToTheLoginForm() {
    given()
        .redirects()
        .follow(false)
        .get("/moderation")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/login"));
    given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
  }

  @Test
  void aFormVerdictWithoutTheCsrfTokenIsRefused() {
    long id = queue(uniqueSite(), "review", "csrf target");

    asModerator()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .formParam("one", id + ":spam")
        .cookie(com.commentshield.common.WebPages.CSRF_COOKIE, "A".repeat(32))
        .formParam("csrf", "B".repeat(32))
        .when()
        .post("/moderation/page/verdict")
        .then()
        .statusCode(403);
    asModerator().get("/moderation/items/{id}", id).then().body("status", equalTo("pending"));
  }

  @Test
  void aFormVerdictWithTheTokenResolvesTheItem() {
    long id = queue(uniqueSite(), "review", "csrf ok");
    String token =
        asModerator()
            .get("/moderation")
            .then()
            .extract()
            .cookie(com.commentshield.common.WebPages.CSRF_COOKIE);

    asModerator()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .cookie(com.commentshield.common.WebPages.CSRF_COOKIE, token)
        .formParam("csrf", token)
        .formParam("one", id + ":ham")
        .formParam("return", "status=pending")
        .when()
        .post("/moderation/page/verdict")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(303)
        .header("Location", containsString("/moderation?status=pending"));
    asModerator().get("/moderation/items/{id}", id).then().body("verdict", equalTo("ham"));
  }

  @Test
  void aRightToLeftOverrideInTheAuthorNameStaysInsideTheName() {
    // Given a comment whose author name holds U+202E RIGHT-TO-LEFT OVERRIDE, which without
    // isolation reverses the rest of the line (decision, verdict) as the moderator reads it
    String site = uniqueSite();
    QueueFixture.awaitModel();
    given()
        .header("X-Api-Key", QueueFixture.API_KEY)
        .contentType("application/json")
        .body(
            java.util.Map.of(
                "content", "bidi check COMMENTSHIELD-TEST-REVIEW",
                "author", java.util.Map.of("name", "\u202Egnp.exe"),
                "context", java.util.Map.of("site", site)))
        .post("/classify")
        .then()
        .statusCode(200);

    // When the moderator lists the site's queue, then the name is an isolated run of its own
    asModerator()
        .queryParam("site", site)
        .when()
        .get("/moderation")
        .then()
        .statusCode(200)
        .body(containsString("<bdi class=\"author\">\u202Egnp.exe</bdi>"))
        .body(containsString("<div class=\"content\" dir=\"auto\">"));
  }
}
