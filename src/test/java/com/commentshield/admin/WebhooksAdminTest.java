package com.commentshield.admin;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The webhook admin API: register, list without secrets, delete, and refusals naming the field. */
@QuarkusTest
class WebhooksAdminTest {

  @Test
  void registerListAndDelete() {
    // Given a registered webhook: 201, its location and its secret, shown this once
    int id =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(
                "{\"url\":\"https://203.0.113.10/hooks/commentshield\","
                    + "\"events\":[\"item.judged\",\"item.judged\"],\"clientLabel\":\"my-blog\"}")
            .post("/admin/webhooks")
            .then()
            .statusCode(201)
            .header("Location", containsString("/admin/webhooks/"))
            .header("Cache-Control", "no-store")
            .body("secret", startsWith("whsec_"))
            .body("events", equalTo(java.util.List.of("item.judged")))
            .body("clientLabel", equalTo("my-blog"))
            .body("format", equalTo("commentshield"))
            .extract()
            .path("id");

    // Then it is listed, with its state and deliveries but never its secret
    asAdmin()
        .get("/admin/webhooks")
        .then()
        .statusCode(200)
        .body("id", hasItem(id))
        .body(
            "find { it.id == " + id + " }.url", equalTo("https://203.0.113.10/hooks/commentshield"))
        .body("find { it.id == " + id + " }.pending", equalTo(0))
        .body("find { it.id == " + id + " }.lastDeliveries", equalTo(java.util.List.of()))
        .body("find { it.id == " + id + " }.secret", nullValue())
        .body(not(containsString("whsec_")));
    asAdmin().get("/admin/webhooks/{id}", id).then().statusCode(200).body("id", equalTo(id));

    // And after deletion it is gone
    asAdmin().delete("/admin/webhooks/{id}", id).then().statusCode(204);
    asAdmin().get("/admin/webhooks/{id}", id).then().spec(problem(404));
    asAdmin().delete("/admin/webhooks/{id}", id).then().spec(problem(404));
    asAdmin().get("/admin/webhooks").then().body("id", not(hasItem(id)));
  }

  @Test
  void badRequestsAreRefusedNamingTheField() {
    refused("{\"events\":[\"item.queued\"]}", "url", "is required");
    refused("{\"url\":\"ftp://203.0.113.10/x\",\"events\":[\"item.queued\"]}", "url", "http");
    refused("{\"url\":\"not a url\",\"events\":[\"item.queued\"]}", "url", "http");
    refused(
        "{\"url\":\"https://user:pw@203.0.113.10/\",\"events\":[\"item.queued\"]}",
        "url",
        "password");
    refused(
        "{\"url\":\"http://169.254.169.254/latest/meta-data/\",\"events\":[\"item.queued\"]}",
        "url",
        "link-local");
    refused(
        "{\"url\":\"https://no-such-host.invalid/\",\"events\":[\"item.queued\"]}",
        "url",
        "does not resolve");
    refused("{\"url\":\"https://203.0.113.10/\"}", "events", "item.queued");
    refused("{\"url\":\"https://203.0.113.10/\",\"events\":[]}", "events", "item.queued");
    refused(
        "{\"url\":\"https://203.0.113.10/\",\"events\":[\"item.created\"]}",
        "events[0]",
        "item.queued or item.judged");
    refused(
        "{\"url\":\"https://203.0.113.10/\",\"events\":[\"item.queued\"],\"clientLabel\":\""
            + "a".repeat(101)
            + "\"}",
        "clientLabel",
        "1 to 100");
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"url\":")
        .post("/admin/webhooks")
        .then()
        .spec(problem(400));
  }

  @Test
  void theDeliveryLogRefusesBadParameters() {
    int id =
        asAdmin()
            .contentType(ContentType.JSON)
            .body("{\"url\":\"https://203.0.113.10/h\",\"events\":[\"item.queued\"]}")
            .post("/admin/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      asAdmin()
          .get("/admin/webhooks/{id}/deliveries?limit=0", id)
          .then()
          .spec(problem(400))
          .body("errors[0].field", equalTo("limit"));
      asAdmin()
          .get("/admin/webhooks/{id}/deliveries?limit=ten", id)
          .then()
          .spec(problem(400))
          .body("errors[0].field", equalTo("limit"));
      asAdmin()
          .get("/admin/webhooks/{id}/deliveries?state=lost", id)
          .then()
          .spec(problem(400))
          .body("errors[0].field", equalTo("state"));
      asAdmin()
          .get("/admin/webhooks/{id}/deliveries", id)
          .then()
          .statusCode(200)
          .body("deliveries", equalTo(java.util.List.of()))
          .body("next", nullValue());
      asAdmin().get("/admin/webhooks/{id}/deliveries", 999_999_999).then().spec(problem(404));
    } finally {
      asAdmin().delete("/admin/webhooks/{id}", id);
    }
  }

  @Test
  void onlyAdminsManageWebhooks() {
    given()
        .auth()
        .preemptive()
        .basic("moderator", "moderator-test-password")
        .get("/admin/webhooks")
        .then()
        .statusCode(403);
    given().header("X-Api-Key", "test-key-1").get("/admin/webhooks").then().statusCode(403);
    given().get("/admin/webhooks").then().statusCode(401);
  }

  private static void refused(String body, String field, String messagePart) {
    asAdmin()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/admin/webhooks")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo(field))
        .body("errors[0].message", containsString(messagePart));
  }
}
