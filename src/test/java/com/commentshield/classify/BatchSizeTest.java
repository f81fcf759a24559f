package com.commentshield.classify;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** A batch holds 1 to 100 comments, none of them null. */
@QuarkusTest
class BatchSizeTest {

  private static final String ITEM = "{\"content\":\"COMMENTSHIELD-TEST-ALLOW hello\"}";

  private static String batchOf(int n) {
    return "[" + String.join(",", Collections.nCopies(n, ITEM)) + "]";
  }

  @Test
  void emptyBatchIsRejected() {
    given()
        .spec(client())
        .body("[]")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", equalTo("must hold 1 to 100 comments"));
  }

  @Test
  void batchOf101IsRejected() {
    given()
        .spec(client())
        .body(batchOf(101))
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors[0].message", equalTo("must hold 1 to 100 comments"));
  }

  @Test
  void batchOf100IsClassified() {
    given()
        .spec(client())
        .body(batchOf(100))
        .when()
        .post("/classify/batch")
        .then()
        .statusCode(200)
        .body("$", hasSize(100));
  }

  @Test
  void nullItemIsRejectedNamingItsIndex() {
    given()
        .spec(client())
        .body("[" + ITEM + ",null]")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("[1]"))
        .body("errors[0].message", equalTo("must not be null"));
  }

  @Test
  void invalidItemIsNamedByIndexAndField() {
    given()
        .spec(client())
        .body("[" + ITEM + "," + ITEM + ",{\"content\":\"   \"}]")
        .when()
        .post("/classify/batch")
        .then()
        .spec(problem(400))
        .body("errors[0].field", equalTo("[2].content"));
  }
}
