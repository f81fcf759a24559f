package com.commentshield.admin;

import static com.commentshield.admin.AdminFixture.asAdmin;
import static com.commentshield.admin.AdminFixture.awaitModel;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.examples.LabeledExample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrainingDataImportTest {

  private static long imported(String marker) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                LabeledExample.count("source = 'import' and content like ?1", "%" + marker + "%"));
  }

  @Test
  void tsvRowsAreImported() {
    String m = UUID.randomUUID().toString();
    asAdmin()
        .contentType("text/tab-separated-values")
        .body("label\ttext\nspam\tbuy pills " + m + "\nham\tnice post " + m + "\n")
        .post("/admin/training-data")
        .then()
        .statusCode(201)
        .body("imported", equalTo(2))
        .body("spam", equalTo(1));
    assertEquals(2, imported(m));
  }

  @Test
  void csvWithQuotedCommasAndLineBreaksIsImported() {
    String m = UUID.randomUUID().toString();
    asAdmin()
        .contentType("text/csv")
        .body(
            "text,label\n\"hello, world "
                + m
                + "\",ham\n\"two\nlines \"\"quoted\"\" "
                + m
                + "\",spam\n")
        .post("/admin/training-data")
        .then()
        .statusCode(201)
        .body("imported", equalTo(2));
    assertEquals(2, imported(m));
  }

  @Test
  void jsonLinesAreImported() {
    String m = UUID.randomUUID().toString();
    asAdmin()
        .contentType("application/x-ndjson")
        .body(
            ("{\"label\":\"spam\",\"text\":\"win money "
                    + m
                    + "\"}\n{\"label\":\"ham\",\"text\":\"see you "
                    + m
                    + "\"}\n")
                .getBytes(StandardCharsets.UTF_8))
        .post("/admin/training-data")
        .then()
        .statusCode(201)
        .body("imported", equalTo(2));
    assertEquals(2, imported(m));
  }

  @Test
  void anyBadRowRejectsTheWholeUploadWithLineNumbers() {
    String m = UUID.randomUUID().toString();
    asAdmin()
        .contentType("text/tab-separated-values")
        .body(
            "label\ttext\nspam\tfine "
                + m
                + "\nmaybe\tbad label "
                + m
                + "\nham\t\nham\tfine too "
                + m
                + "\n")
        .post("/admin/training-data")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("nothing was imported"))
        .body("errors.field", hasItem("line 3"))
        .body("errors.field", hasItem("line 4"))
        .body("errors.find { it.field == 'line 3' }.message", containsString("'maybe'"));
    assertEquals(0, imported(m), "all or nothing");

    asAdmin()
        .contentType("application/x-ndjson")
        .body("{\"label\":\"spam\",\"text\":\"ok\"}\n{broken\n".getBytes(StandardCharsets.UTF_8))
        .post("/admin/training-data")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("line 2"));
    asAdmin()
        .contentType("text/csv")
        .body("label,text\nspam,\"never closed\n")
        .post("/admin/training-data")
        .then()
        .statusCode(400)
        .body("errors.message", hasItem(containsString("never closed")));
    asAdmin()
        .contentType("text/tab-separated-values")
        .body("kind\tbody\nspam\tx\n")
        .post("/admin/training-data")
        .then()
        .statusCode(400)
        .body("detail", containsString("bad rows"))
        .body("errors[0].message", containsString("'label' and 'text'"));
  }

  @Test
  void invalidUtf8AndWrongMediaTypesAreRejected() {
    byte[] bad = "label\ttext\nspam\t".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[bad.length + 2];
    System.arraycopy(bad, 0, body, 0, bad.length);
    body[bad.length] = (byte) 0xC3;
    body[bad.length + 1] = (byte) 0x28;
    asAdmin()
        .contentType("text/tab-separated-values")
        .body(body)
        .post("/admin/training-data")
        .then()
        .statusCode(400)
        .body("errors[0].message", containsString("UTF-8"));
    asAdmin()
        .contentType("application/json")
        .body("[]")
        .post("/admin/training-data")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    asAdmin()
        .contentType("text/tab-separated-values")
        .body("")
        .post("/admin/training-data")
        .then()
        .statusCode(400);
  }

  @Test
  void evaluateReportsTheActiveModelsMetricsOnUploadedData() {
    awaitModel();
    asAdmin()
        .contentType("text/tab-separated-values")
        .body(
            "label\ttext\nspam\tbuy cialis online cheap pharmacy http://pills.example\n"
                + "spam\tcheck out my channel and subscribe http://bit.ly/abc\n"
                + "ham\tI think the article misses the point about the treaty\n"
                + "ham\tthanks, this helped me fix my code\n")
        .post("/admin/evaluate")
        .then()
        .statusCode(200)
        .body("modelVersion", notNullValue())
        .body("evaluatedOn", equalTo(4))
        .body("mcc", notNullValue())
        .body("falsePositiveRate", notNullValue())
        .body("precisionRecallCurve.size()", org.hamcrest.Matchers.greaterThan(0))
        .body("confusionMatrix.truePositives", org.hamcrest.Matchers.lessThanOrEqualTo(2))
        .body(
            "confusionMatrix.findAll { it.key in ['truePositives', 'falseNegatives'] }.values().sum()",
            equalTo(2))
        .body(
            "confusionMatrix.findAll { it.key in ['trueNegatives', 'falsePositives'] }.values().sum()",
            equalTo(2));
  }
}
