package com.commentshield.akismet;

import static com.commentshield.akismet.AkismetFixture.comment;
import static com.commentshield.akismet.AkismetFixture.form;
import static com.commentshield.akismet.AkismetFixture.queueOf;
import static com.commentshield.akismet.AkismetFixture.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.common.TestApi;
import com.commentshield.examples.LabeledExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** submit-spam and submit-ham feed training as /feedback does. */
@QuarkusTest
class AkismetSubmitTest {

  private static final String THANKS = "Thanks for making the web a better place.";

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  private static String check(Map<String, String> fields) {
    return form()
        .formParams(fields)
        .post("/1.1/comment-check")
        .then()
        .statusCode(200)
        .extract()
        .header("X-akismet-guid");
  }

  @Test
  void submitHamWithTheGuidResolvesTheQueuedItemAsHam() {
    Map<String, String> fields = comment(unique("Honest words COMMENTSHIELD-TEST-BLOCK"));
    String guid = check(fields);
    fields.put("guid", guid);
    fields.put("comment_content", "edited by the site, so the text no longer matches");

    form().formParams(fields).post("/1.1/submit-ham").then().statusCode(200).body(equalTo(THANKS));

    queueOf(fields)
        .body("items[0].externalId", equalTo(guid))
        .body("items[0].status", equalTo("resolved"))
        .body("items[0].verdict", equalTo("ham"))
        .body("items[0].decidedBy", equalTo("client:configured-1"));
  }

  @Test
  void submitSpamWithoutAGuidFindsTheItemByItsTextAndPermalink() {
    Map<String, String> fields = comment(unique("Doubtful COMMENTSHIELD-TEST-REVIEW"));
    check(fields);

    form().formParams(fields).post("/1.1/submit-spam").then().statusCode(200).body(equalTo(THANKS));

    queueOf(fields)
        .body("items[0].status", equalTo("resolved"))
        .body("items[0].verdict", equalTo("spam"));
  }

  @Test
  void missedSpamThatWasNeverQueuedBecomesATrainingExample() {
    String text = unique("Visit my cheap watches shop");
    form().formParams(comment(text)).post("/1.1/submit-spam").then().body(equalTo(THANKS));

    List<LabeledExample> examples =
        QuarkusTransaction.requiringNew().call(() -> LabeledExample.list("content", text));
    assertEquals(1, examples.size());
    assertEquals("spam", examples.get(0).label);
    assertEquals("feedback", examples.get(0).source);
  }

  @Test
  void aTestSubmissionIsThankedForAndChangesNothing() {
    String text = unique("Test submission");
    form()
        .formParams(comment(text, "is_test", "true"))
        .post("/1.1/submit-ham")
        .then()
        .body(equalTo(THANKS));
    long stored =
        QuarkusTransaction.requiringNew().call(() -> LabeledExample.count("content", text));
    assertEquals(0, stored);
  }

  @Test
  void aSubmissionWithABadKeyIsInvalid() {
    form()
        .formParams(comment("x", "api_key", "wrong-key-12"))
        .post("/1.1/submit-spam")
        .then()
        .statusCode(200)
        .body(equalTo("invalid"))
        .header("X-akismet-debug-help", containsString("Invalid API key"));
  }
}
