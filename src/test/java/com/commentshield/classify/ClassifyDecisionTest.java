package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import com.commentshield.common.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the default model answers for obvious spam and an ordinary comment. */
@QuarkusTest
class ClassifyDecisionTest {

  private static final String PHARMACY_SPAM =
      "Buy cheap viagra and cialis online, no prescription needed! Best pharmacy prices at"
          + " http://cheap-meds.example.com/buy and http://pills.example.net/order";

  private static final String ORDINARY =
      "I agree with the author: the second half of the article makes a fair point about the city"
          + " budget, although the numbers for the library seem a bit low to me.";

  @BeforeEach
  void modelIsLoaded() {
    TestApi.awaitModel();
  }

  @Test
  void answerHasTheContractShape() {
    given()
        .spec(client())
        .body("{\"content\":\"Thanks, this helped me fix my bike.\",\"externalId\":\"c-17\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", oneOf("allow", "review", "block"))
        .body("spamProbability", allOf(greaterThanOrEqualTo(0f), lessThanOrEqualTo(1f)))
        .body("modelVersion", not(emptyOrNullString()))
        .body("externalId", equalTo("c-17"))
        .body("reasons", not(org.hamcrest.Matchers.empty()))
        .body("reasons", everyItem(allOf(hasKey("kind"), hasKey("feature"), hasKey("weight"))))
        .body("reasons.feature", everyItem(not(emptyOrNullString())));
  }

  @Test
  void pharmacySpamWithLinksIsHeldOrBlockedWithReasonsThatSayWhy() {
    given()
        .spec(client())
        .body("{\"content\":\"" + PHARMACY_SPAM + "\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", oneOf("review", "block"))
        .body("spamProbability", greaterThanOrEqualTo(0.5f))
        .body(
            "reasons.feature",
            hasItem(matchesPattern("(?i).*(viagra|cialis|pharmac|pill|prescription|link).*")));
  }

  @Test
  void ordinaryCommentIsAllowed() {
    given()
        .spec(client())
        .body("{\"content\":\"" + ORDINARY + "\"}")
        .when()
        .post("/classify")
        .then()
        .statusCode(200)
        .body("decision", equalTo("allow"))
        .body("spamProbability", lessThan(0.5f));
  }
}
