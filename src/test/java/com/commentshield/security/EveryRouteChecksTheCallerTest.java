package com.commentshield.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation the application publishes in its OpenAPI document, so a route added later
 * is checked without anyone remembering to add it here: anonymous callers are refused everywhere
 * but the few public routes, and each area refuses the roles it is not for.
 */
@QuarkusTest
class EveryRouteChecksTheCallerTest {

  /** Routes anyone may call: the login form and log-out (which needs a CSRF token). */
  private static final Set<String> PUBLIC =
      Set.of(
          "GET /",
          "GET /login",
          "POST /logout",
          // The Akismet and Perspective doors are public in the HTTP sense, as Akismet's and
          // Google's are: clients send the API key in the form, the host name or ?key=, never in
          // X-Api-Key, and expect their own refusals (Akismet's 200 "invalid", Google's error
          // JSON), not a 401. keyedDoorsRefuseCallersWithoutAValidKey checks they leak nothing.
          "POST /1.1/verify-key",
          "POST /1.1/comment-check",
          "POST /1.1/submit-spam",
          "POST /1.1/submit-ham",
          "POST /1.1/get-stats",
          "POST /1.1/get-subscription",
          "POST /1.1/deactivate",
          "POST /1.2/usage-limit",
          "GET /1.2/usage-limit",
          "POST /1.2/key-sites",
          "GET /1.2/key-sites",
          "POST /v1alpha1/comments:analyze",
          // Coral's external moderation phase proves who it is with X-Coral-Signature, not a key
          // or a login; CoralDoorTest checks that a missing or bad signature is a 401.
          "POST /coral/moderate");

  private record Route(String method, String path, String mediaType) {
    String concretePath() {
      return path.replaceAll("\\{[^}]+}", "1");
    }

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }
  }

  private static List<Route> routes() {
    Map<String, Map<String, Object>> paths =
        given()
            .accept("application/json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    List<Route> routes = new ArrayList<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> routes.add(new Route(m, path, mediaTypeOf(operations.get(m))))));
    assertFalse(routes.isEmpty());
    return routes;
  }

  /** The media type the operation consumes, so the call reaches the security check. */
  @SuppressWarnings("unchecked")
  private static String mediaTypeOf(Object operation) {
    Map<String, Object> op = (Map<String, Object>) operation;
    Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
    if (body == null || body.get("content") == null) {
      return "application/json";
    }
    return ((Map<String, Object>) body.get("content")).keySet().iterator().next();
  }

  private static Response call(RequestSpecification spec, Route route) {
    RequestSpecification request = spec.redirects().follow(false).contentType(route.mediaType());
    if (route.mediaType().equals("application/x-www-form-urlencoded")) {
      request = request.formParam("csrf", "x");
    } else if (route.mediaType().contains("json")) {
      request = request.body("{}");
    } else {
      request = request.body("label\ttext\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return request.request(route.method(), route.concretePath());
  }

  @Test
  void anonymousCallersAreRefusedEverywhereButThePublicRoutes() {
    List<String> open = new ArrayList<>();
    for (Route route : routes()) {
      if (PUBLIC.contains(route.toString())) {
        continue;
      }
      Response r = call(given(), route);
      boolean refused =
          r.statusCode() == 401
              || (r.statusCode() == 303 && r.header("Location").endsWith("/login"));
      if (!refused) {
        open.add(route + " -> " + r.statusCode());
      }
    }
    assertEquals(List.of(), open, "routes that let anonymous callers through");
  }

  @Test
  void clientApiKeysOnlyOpenTheClientRoutes() {
    List<String> wrong = new ArrayList<>();
    for (Route route : routes()) {
      if (PUBLIC.contains(route.toString()) || isClientRoute(route)) {
        continue;
      }
      Response r = call(given().header("X-Api-Key", "test-key-1"), route);
      if (r.statusCode() != 403) {
        wrong.add(route + " -> " + r.statusCode());
      }
    }
    assertEquals(List.of(), wrong, "routes an API key should not open");
  }

  @Test
  void moderatorsCannotUseAdminOrClientRoutes() {
    List<String> wrong = new ArrayList<>();
    for (Route route : routes()) {
      boolean forbidden = route.path().startsWith("/admin") || isClientRoute(route);
      if (!forbidden) {
        continue;
      }
      Response r =
          call(given().auth().preemptive().basic("moderator", "moderator-test-password"), route);
      if (r.statusCode() != 403) {
        wrong.add(route + " -> " + r.statusCode());
      }
    }
    assertEquals(List.of(), wrong, "routes a moderator should be refused");
  }

  @Test
  void keyedDoorsRefuseCallersWithoutAValidKey() {
    List<String> leaking = new ArrayList<>();
    for (Route route : routes()) {
      if (!PUBLIC.contains(route.toString()) || !isKeyedDoor(route)) {
        continue;
      }
      for (String key : new String[] {null, "not-a-valid-key"}) {
        // no URL encoding: Google's clients send the colon of comments:analyze as it is
        RequestSpecification spec = given().urlEncodingEnabled(false).redirects().follow(false);
        Response r;
        if (route.path().startsWith("/v1alpha1")) {
          spec = key == null ? spec : spec.queryParam("key", key);
          r =
              spec.contentType("application/json")
                  .body("{\"comment\":{\"text\":\"hi\"},\"requestedAttributes\":{\"SPAM\":{}}}")
                  .request(route.method(), route.path());
        } else {
          spec = key == null ? spec : spec.queryParam("api_key", key);
          r = spec.request(route.method(), route.path());
        }
        boolean refused =
            route.path().startsWith("/v1alpha1")
                ? (r.statusCode() == 400 || r.statusCode() == 403)
                    && !r.asString().contains("attributeScores")
                : r.statusCode() == 200 && r.asString().equals("invalid");
        if (!refused) {
          leaking.add(route + " with key " + key + " -> " + r.statusCode() + " " + r.asString());
        }
      }
    }
    assertEquals(List.of(), leaking, "keyed doors that answered without a valid key");
  }

  @Test
  void wrongPasswordIsRefused() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "not-the-password")
        .get("/moderation/items")
        .then()
        .statusCode(401);
  }

  @Test
  void theWalkFindsTheKnownAreas() {
    List<String> paths = routes().stream().map(Route::path).toList();
    assertTrue(paths.contains("/classify"));
    assertTrue(paths.contains("/moderation/items"));
    assertTrue(paths.contains("/1.1/comment-check"));
    assertTrue(paths.contains("/v1alpha1/comments:analyze"));
  }

  private static boolean isKeyedDoor(Route route) {
    return route.path().startsWith("/1.") || route.path().startsWith("/v1alpha1/");
  }

  private static boolean isClientRoute(Route route) {
    return route.path().startsWith("/classify") || route.path().equals("/feedback");
  }
}
