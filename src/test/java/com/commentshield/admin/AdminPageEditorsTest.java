package com.commentshield.admin;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.common.WebPages;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin page's policy preview, API keys, webhooks and version comparison. */
@QuarkusTest
class AdminPageEditorsTest {

  private static String token() {
    return asAdmin().get("/admin").then().statusCode(200).extract().cookie(WebPages.CSRF_COOKIE);
  }

  @Test
  void aPolicyIsPreviewedBeforeItIsSavedAndAStricterBlockBlocksLessHam() {
    awaitModel();
    String lenient =
        asAdmin()
            .queryParam("review", "0.3")
            .queryParam("block", "0.5")
            .get("/admin")
            .then()
            .statusCode(200)
            .body(containsString("id=\"preview\""))
            .body(containsString("id=\"policy-save\""))
            .extract()
            .asString();
    String strict =
        asAdmin()
            .queryParam("review", "0.3")
            .queryParam("block", "0.99")
            .get("/admin")
            .then()
            .extract()
            .asString();
    assertTrue(
        share(strict, "preview-spam-blocked") <= share(lenient, "preview-spam-blocked"),
        "a stricter block threshold blocks no more spam");
    assertTrue(share(strict, "preview-ham-blocked") <= share(lenient, "preview-ham-blocked"));
    // nothing was saved by previewing
    asAdmin().get("/admin/policy").then().body("block", not(equalTo(0.99f)));

    asAdmin()
        .queryParam("review", "0.9")
        .queryParam("block", "0.5")
        .get("/admin")
        .then()
        .body(containsString("id=\"preview-error\""))
        .body(not(containsString("id=\"policy-save\"")));
  }

  @Test
  void theSaveButtonSetsThePolicy() {
    awaitModel();
    String before = asAdmin().get("/admin/policy").then().extract().asString();
    try {
      String token = token();
      asAdmin()
          .redirects()
          .follow(false)
          .contentType("application/x-www-form-urlencoded")
          .cookie(WebPages.CSRF_COOKIE, token)
          .formParam("csrf", token)
          .formParam("review", "0.45")
          .formParam("block", "0.95")
          .post("/admin/page/policy")
          .then()
          .statusCode(303);
      asAdmin()
          .get("/admin/policy")
          .then()
          .body("review", equalTo(0.45f))
          .body("block", equalTo(0.95f));
    } finally {
      asAdmin()
          .contentType("application/json")
          .body(before.replaceAll(",?\"targetFalsePositiveRate\":[^,}]*", ""))
          .put("/admin/policy")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void anIssuedKeyIsShownOnceListedWithItsLastUseAndCanBeRevoked() {
    String token = token();
    String page =
        asAdmin()
            .contentType("application/x-www-form-urlencoded")
            .cookie(WebPages.CSRF_COOKIE, token)
            .formParam("csrf", token)
            .formParam("label", "page-issued")
            .post("/admin/page/keys")
            .then()
            .statusCode(200)
            .body(containsString("id=\"issued-key\""))
            .extract()
            .asString();
    Matcher key = Pattern.compile("<code>([^<]{12})</code>").matcher(page);
    assertTrue(key.find(), "the key is on the answer");
    given().header("X-Api-Key", key.group(1)).get("/classify/verdicts").then().statusCode(200);

    String listed = asAdmin().get("/admin").then().extract().asString();
    assertTrue(listed.contains("page-issued"), "listed by label");
    assertTrue(!listed.contains(key.group(1)), "never shown again");
    Matcher row =
        Pattern.compile("<tr id=\"key-(\\d+)\"><td>page-issued</td>(?s).*?</tr>").matcher(listed);
    assertTrue(row.find());
    assertTrue(!row.group().contains("never"), "its use is shown: " + row.group());

    asAdmin()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .cookie(WebPages.CSRF_COOKIE, token)
        .formParam("csrf", token)
        .formParam("id", row.group(1))
        .post("/admin/page/keys/revoke")
        .then()
        .statusCode(303);
    given().header("X-Api-Key", key.group(1)).get("/classify/verdicts").then().statusCode(401);
  }

  @Test
  void aWebhookRegisteredOnThePageShowsItsSecretOnceAndIsListed() {
    String token = token();
    String page =
        asAdmin()
            .contentType("application/x-www-form-urlencoded")
            .cookie(WebPages.CSRF_COOKIE, token)
            .formParam("csrf", token)
            .formParam("url", "http://127.0.0.1:9/page-hook")
            .formParam("events", "item.judged")
            .post("/admin/page/webhooks")
            .then()
            .statusCode(200)
            .body(containsString("id=\"webhook-secret\""))
            .extract()
            .asString();
    Matcher id = Pattern.compile("Signing secret of webhook (\\d+)").matcher(page);
    assertTrue(id.find());
    asAdmin()
        .get("/admin")
        .then()
        .body(containsString("id=\"webhook-" + id.group(1) + "\""))
        .body(containsString("http://127.0.0.1:9/page-hook"));
    asAdmin()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .cookie(WebPages.CSRF_COOKIE, token)
        .formParam("csrf", token)
        .formParam("id", id.group(1))
        .post("/admin/page/webhooks/delete")
        .then()
        .statusCode(303);
    asAdmin().get("/admin/webhooks/{id}", id.group(1)).then().statusCode(404);
  }

  @Test
  void theWebhookSectionListsDeliveriesAndRedeliversOne() throws Exception {
    int webhook =
        asAdmin()
            .contentType("application/json")
            .body(
                java.util.Map.of(
                    "url",
                    "http://127.0.0.1:9/redeliver-hook",
                    "events",
                    java.util.List.of("item.queued")))
            .post("/admin/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    com.commentshield.moderation.QueueFixture.queue(
        com.commentshield.moderation.QueueFixture.uniqueSite(), "review", "announced");
    Integer delivery = null;
    for (int i = 0; i < 100 && delivery == null; i++) {
      delivery =
          asAdmin()
              .get("/admin/webhooks/{id}/deliveries", webhook)
              .then()
              .extract()
              .path("deliveries[0].id");
      if (delivery == null) {
        Thread.sleep(200);
      }
    }
    assertTrue(delivery != null, "a delivery was created");

    asAdmin().get("/admin").then().body(containsString("id=\"delivery-" + delivery + "\""));
    String token = token();
    asAdmin()
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .cookie(WebPages.CSRF_COOKIE, token)
        .formParam("csrf", token)
        .formParam("webhook", webhook)
        .formParam("delivery", delivery)
        .post("/admin/page/webhooks/redeliver")
        .then()
        .statusCode(303)
        .header("Location", containsString("message=Delivery+" + delivery + "+goes+out+again"));
    asAdmin().delete("/admin/webhooks/{id}", webhook).then().statusCode(204);
  }

  @Test
  void versionsAreComparedOnOneSetAndTheCurveHasTicksAndThresholds() {
    awaitModel();
    asAdmin()
        .get("/admin")
        .then()
        .body(containsString("id=\"comparison\""))
        .body(containsString("id=\"data-summary\""))
        .body(containsString("id=\"mark-review\""))
        .body(containsString("id=\"mark-block\""))
        .body(containsString("class=\"tick\""))
        .body(containsString("Confusion matrix at the active policy"))
        .body(containsString("href=\"/moderation\""))
        .body(containsString("id=\"logout\""));
  }

  private static double share(String page, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\">(&lt;)?([0-9.]+)%").matcher(page);
    assertTrue(m.find(), id + " on the page");
    assertEquals(m.group(0).isEmpty(), false);
    return Double.parseDouble(m.group(2));
  }
}
