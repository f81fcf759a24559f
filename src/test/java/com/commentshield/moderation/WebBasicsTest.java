package com.commentshield.moderation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The start page, error pages for browsers (problem+json for API clients) and the login form. */
@QuarkusTest
class WebBasicsTest {

  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Test
  void theStartPageLinksTheQueueTheAdminPageAndTheApiDocs() {
    given()
        .accept(BROWSER_ACCEPT)
        .get("/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("href=\"/moderation\""))
        .body(containsString("href=\"/admin\""))
        .body(containsString("href=\"/q/swagger-ui\""));
  }

  @Test
  void aBrowserGetsAnHtmlPageForAnUnknownPathAndAnApiClientProblemJson() {
    given()
        .accept(BROWSER_ACCEPT)
        .get("/no-such-page")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("Page not found"))
        .body(containsString("/no-such-page"));
    given()
        .accept("application/json")
        .get("/no-such-page")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(404));
    given()
        .get("/no-such-page")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void aBrowserWithoutLoginGetsAnHtml401OnAnApiRouteAndAClientProblemJson() {
    given()
        .accept(BROWSER_ACCEPT)
        .get("/admin/models")
        .then()
        .statusCode(401)
        .contentType(containsString("text/html"))
        .body(containsString("href=\"/login\""));
    given()
        .get("/admin/models")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void aModeratorOpeningTheAdminPageGetsAnHtml403() {
    QueueFixture.asModerator()
        .accept(BROWSER_ACCEPT)
        .get("/admin")
        .then()
        .statusCode(403)
        .contentType(containsString("text/html"))
        .body(containsString("Not for your role"))
        .body(not(containsString("\"detail\"")));
    QueueFixture.asModerator()
        .get("/admin/models")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void aWrongPasswordShowsTheLoginFormWithItsError() {
    String location =
        given()
            .redirects()
            .follow(false)
            .accept(BROWSER_ACCEPT)
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", "moderator")
            .formParam("j_password", "not-the-password")
            .post("/j_security_check")
            .then()
            .statusCode(302)
            .extract()
            .header("Location");
    given()
        .accept(BROWSER_ACCEPT)
        .get(location)
        .then()
        .statusCode(200)
        .body(containsString("Wrong user name or password"))
        .body(containsString("j_security_check"));
  }
}
