package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch answers with one result per comment, in the order the comments came. */
@QuarkusTest
class BatchOrderTest {

  @Test
  void resultsComeBackInRequestOrder() {
    // Given seven comments whose canaries force a known, irregular sequence of decisions
    List<String> expected =
        List.of("block", "allow", "allow", "review", "block", "review", "allow");
    List<String> items = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      items.add(
          "{\"content\":\"comment "
              + i
              + " COMMENTSHIELD-TEST-"
              + expected.get(i).toUpperCase()
              + "\",\"externalId\":\"e"
              + i
              + "\"}");
    }

    // When they are classified as one batch
    given()
        .spec(client())
        .body("[" + String.join(",", items) + "]")
        .when()
        .post("/classify/batch")
        // Then each answer sits where its comment sat
        .then()
        .statusCode(200)
        .body("$", hasSize(expected.size()))
        .body("decision", contains(expected.toArray()))
        .body("externalId", contains("e0", "e1", "e2", "e3", "e4", "e5", "e6"));
  }
}
