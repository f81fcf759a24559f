package com.commentshield.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A state-changing request that the login session cookie authenticates needs the CSRF token or a
 * same-origin browser; API keys and HTTP Basic are not affected.
 */
@QuarkusTest
class SessionCsrfTest {

  private static final String EVIL = "https://evil.example.com";
  private static final String TOKEN = "T".repeat(32);

  /** Logs in through the login form and returns the session cookie. */
  private static String session() {
    Response login =
        given()
            .redirects()
            .follow(false)
            .contentType(ContentType.URLENC)
            .formParam("j_username", "admin")
            .formParam("j_password", "admin-test-password")
            .post("/j_security_check");
    assertEquals(302, login.statusCode(), login.asString());
    String cookie = login.cookie("quarkus-credential");
    assertNotNull(cookie, "the login sets the session cookie");
    return cookie;
  }

  private static RequestSpecification withSession(String session) {
    return given().redirects().follow(false).cookie("quarkus-credential", session);
  }

  private static Map<String, Object> newKey() {
    return Map.of("label", "csrf-" + UUID.randomUUID(), "length", 24);
  }

  private static void assertCsrfRefused(Response response) {
    assertEquals(403, response.statusCode(), response.asString());
    assertTrue(response.asString().contains("CSRF"), response.asString());
  }

  @Test
  void theReportedRequestsFromAForeignOriginAreRefused() {
    String session = session();

    assertCsrfRefused(
        withSession(session)
            .header("Origin", EVIL)
            .contentType(ContentType.JSON)
            .body(newKey())
            .post("/admin/api-keys"));
    assertCsrfRefused(
        withSession(session)
            .header("Origin", EVIL)
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/admin/retrain"));
    Response plainText =
        withSession(session)
            .header("Origin", EVIL)
            .contentType(ContentType.TEXT)
            .body("")
            .post("/admin/retrain");
    assertTrue(plainText.statusCode() >= 400, "text/plain retrain: " + plainText.statusCode());
    assertCsrfRefused(withSession(session).header("Origin", EVIL).post("/admin/models/1/activate"));
  }

  @Test
  void aSiblingSubdomainOrAMissingOriginIsRefusedToo() {
    String session = session();

    assertCsrfRefused(
        withSession(session)
            .header("Sec-Fetch-Site", "same-site")
            .header("Origin", "https://sibling.localhost")
            .contentType(ContentType.JSON)
            .body(newKey())
            .post("/admin/api-keys"));
    assertCsrfRefused(
        withSession(session).contentType(ContentType.JSON).body(newKey()).post("/admin/api-keys"));
    assertCsrfRefused(
        withSession(session)
            .contentType(ContentType.JSON)
            .body("{\"label\":\"spam\"}")
            .post("/moderation/items/1/verdict"));
    assertCsrfRefused(
        withSession(session)
            .header(SessionCsrfGuard.TOKEN_HEADER, TOKEN)
            .cookie(WebPages.CSRF_COOKIE, "U".repeat(32))
            .contentType(ContentType.JSON)
            .body(newKey())
            .post("/admin/api-keys"));
  }

  @Test
  void theTokenOrASameOriginBrowserPasses() {
    String session = session();

    withSession(session)
        .header(SessionCsrfGuard.TOKEN_HEADER, TOKEN)
        .cookie(WebPages.CSRF_COOKIE, TOKEN)
        .contentType(ContentType.JSON)
        .body(newKey())
        .post("/admin/api-keys")
        .then()
        .statusCode(201);
    withSession(session)
        .header("Sec-Fetch-Site", "same-origin")
        .contentType(ContentType.JSON)
        .body(newKey())
        .post("/admin/api-keys")
        .then()
        .statusCode(201);
    Response sameOrigin =
        withSession(session)
            .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
            .contentType(ContentType.JSON)
            .body(newKey())
            .post("/admin/api-keys");
    assertEquals(201, sameOrigin.statusCode(), sameOrigin.asString());
  }

  @Test
  void apiKeysAndHttpBasicAreNotAffected() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin-test-password")
        .header("Origin", EVIL)
        .contentType(ContentType.JSON)
        .body(newKey())
        .post("/admin/api-keys")
        .then()
        .statusCode(201);
    given()
        .header("X-Api-Key", TestApi.KEY)
        .header("Origin", EVIL)
        .contentType(ContentType.JSON)
        .body("{\"content\":\"hello COMMENTSHIELD-TEST-ALLOW\"}")
        .post("/classify")
        .then()
        .statusCode(200);
  }

  @Test
  void aPageFormWithItsTokenStillWorksWithTheSession() {
    String session = session();

    withSession(session)
        .cookie(WebPages.CSRF_COOKIE, TOKEN)
        .contentType(ContentType.URLENC)
        .formParam("csrf", TOKEN)
        .post("/logout")
        .then()
        .statusCode(303);
  }

  /**
   * Every state-changing operation of the published API refuses a session request from another
   * origin (403: the CSRF guard, a page form's own token check, or the session user's role): the
   * guard covers routes added later without anyone listing them. The public doors (Akismet,
   * Perspective, Coral's signed hook) use no session.
   */
  @Test
  void everyStateChangingOperationRefusesASessionRequestFromAnotherOrigin() {
    String session = session();
    Map<String, Map<String, Map<String, Object>>> paths =
        given()
            .accept(ContentType.JSON)
            .get("/q/openapi?format=json")
            .then()
            .extract()
            .path("paths");
    Set<String> unsafe = Set.of("post", "put", "patch", "delete");
    List<String> checked = new ArrayList<>();
    List<String> notRefused = new ArrayList<>();
    for (var path : paths.entrySet()) {
      String template = path.getKey();
      if (template.startsWith("/1.")
          || template.startsWith("/v1alpha1")
          || template.startsWith("/coral/moderate")) {
        continue;
      }
      String concrete = template.replaceAll("\\{[^}]+}", "1");
      for (var operation : path.getValue().entrySet()) {
        String method = operation.getKey();
        if (!unsafe.contains(method)) {
          continue;
        }
        String type = requestType(operation.getValue());
        RequestSpecification request =
            withSession(session).header("Origin", EVIL).contentType(type);
        if (type.contains("form-urlencoded")) {
          request.formParam("x", "1");
        } else {
          request.body((type.contains("json") ? "{}" : "x").getBytes(StandardCharsets.UTF_8));
        }
        Response answer = request.request(method.toUpperCase(), concrete);
        checked.add(method + " " + template);
        if (answer.statusCode() != 403) {
          notRefused.add(method + " " + template + " -> " + answer.statusCode());
        }
      }
    }
    assertTrue(checked.size() >= 10, "the API has its state-changing operations: " + checked);
    assertTrue(notRefused.isEmpty(), "not refused: " + notRefused);
  }

  /** The first media type an operation's request body names, JSON when it names none. */
  @SuppressWarnings("unchecked")
  private static String requestType(Object operation) {
    Object body = ((Map<String, Object>) operation).get("requestBody");
    if (body instanceof Map<?, ?> requestBody
        && requestBody.get("content") instanceof Map<?, ?> content
        && !content.isEmpty()) {
      return String.valueOf(content.keySet().iterator().next());
    }
    return "application/json";
  }
}
