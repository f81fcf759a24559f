package com.commentshield.akismet;

import static io.restassured.RestAssured.given;

import com.commentshield.common.TestApi;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Akismet calls as clients send them: form fields, the key in the body. */
final class AkismetFixture {

  static final String ADMIN_PASSWORD = "admin-test-password";

  private AkismetFixture() {}

  static RequestSpecification form() {
    return given()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded; charset=UTF-8");
  }

  static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
  }

  /** A comment's fields with the first test key; {@code extra} adds or replaces fields. */
  static Map<String, String> comment(String content, String... extra) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("api_key", TestApi.KEY);
    fields.put("blog", "https://" + uniqueSite() + "/");
    fields.put("user_ip", "203.0.113.7");
    fields.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64)");
    fields.put("permalink", "https://blog.example/post/" + UUID.randomUUID());
    fields.put("comment_type", "comment");
    fields.put("comment_author", "Reader");
    fields.put("comment_author_email", "reader@mail.example");
    fields.put("comment_content", content);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      fields.put(extra[i], extra[i + 1]);
    }
    return fields;
  }

  /** The moderation queue of the site a comment's blog field names. */
  static ValidatableResponse queueOf(Map<String, String> fields) {
    String site = URI.create(fields.get("blog")).getHost();
    return asAdmin().queryParam("site", site).get("/moderation/items").then().statusCode(200);
  }

  static String uniqueSite() {
    return "blog-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  static String unique(String text) {
    return text + " " + UUID.randomUUID();
  }

  /** A fresh 12-character key with a label of its own, so counts start at zero. */
  static String issueKey() {
    return asAdmin()
        .contentType("application/json")
        .body("{\"label\":\"akismet-test-" + UUID.randomUUID().toString().substring(0, 8) + "\"}")
        .post("/admin/api-keys")
        .then()
        .statusCode(201)
        .extract()
        .path("key");
  }
}
