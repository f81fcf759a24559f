package com.commentshield.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A password given in configuration is kept only as a slow, salted hash, and still logs in. */
@QuarkusTest
class ConfiguredPasswordTest {

  private static final String ADMIN_PASSWORD = "admin-test-password";

  @Inject UserStore users;

  @Test
  void aConfiguredPasswordIsHashedWithPbkdf2AtStart() throws Exception {
    String stored = users.passwordHashOf(UserStore.ADMIN).orElseThrow();

    assertTrue(stored.startsWith("pbkdf2$" + PasswordHash.ITERATIONS + "$"), stored);
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256")
            .digest(ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8));
    assertFalse(stored.contains(ADMIN_PASSWORD));
    assertFalse(stored.contains(Base64.getEncoder().withoutPadding().encodeToString(sha256)));
    assertFalse(stored.contains(HexFormat.of().formatHex(sha256)));

    given()
        .auth()
        .preemptive()
        .basic(UserStore.ADMIN, ADMIN_PASSWORD)
        .get("/moderation/items")
        .then()
        .statusCode(200);
    given()
        .auth()
        .preemptive()
        .basic(UserStore.ADMIN, ADMIN_PASSWORD + "x")
        .get("/moderation/items")
        .then()
        .statusCode(401);
  }
}
