package com.commentshield.common;

import static com.commentshield.common.TestApi.client;
import static com.commentshield.common.TestApi.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies must be UTF-8; anything else is a 400, never a 500. */
@QuarkusTest
class InvalidEncodingTest {

  @Test
  void invalidUtf8BytesAreA400SayingInvalidUtf8() {
    // Given a comment holding the bytes FF FE, which no UTF-8 text contains
    byte[] body =
        concat("{\"content\":\"hello ", new byte[] {(byte) 0xFF, (byte) 0xFE}, " world\"}");
    given()
        .spec(client())
        .body(body)
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", startsWith("invalid UTF-8 at line 1, column"))
        .body("detail", containsString("0xff"));
  }

  @Test
  void truncatedMultiByteCharacterIsA400SayingInvalidUtf8() {
    // Given the first byte of a two-byte character followed by a plain letter
    byte[] body = concat("{\"content\":\"caf", new byte[] {(byte) 0xC3}, "x\"}");
    given()
        .spec(client())
        .body(body)
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", startsWith("invalid UTF-8"));
  }

  @Test
  void bytesThatLookLikeUtf32AreA400NotA500() {
    // Given a UTF-32 byte-order mark followed by UTF-8 text, which fools encoding detection
    byte[] body =
        concat("", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, "{\"content\":\"hello\"}");
    given()
        .spec(client())
        .body(body)
        .when()
        .post("/classify")
        .then()
        .spec(problem(400))
        .body("detail", containsString("UTF-8"));
  }

  private static byte[] concat(String before, byte[] bytes, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
