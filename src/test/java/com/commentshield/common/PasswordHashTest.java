package com.commentshield.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void aGeneratedPasswordMatchesItsHashAndNothingElse() {
    String password = Tokens.random(20);
    String stored = PasswordHash.hashGenerated(password);

    assertTrue(stored.startsWith("sha256$"));
    assertFalse(stored.contains(password));
    assertTrue(PasswordHash.matches(password, stored));
    assertFalse(PasswordHash.matches(password + "x", stored));
    assertFalse(PasswordHash.matches("", stored));
  }

  @Test
  void aPbkdf2HashStoredByAnEarlierVersionStillMatches() throws Exception {
    byte[] salt = "sixteen byte salt".substring(0, 16).getBytes();
    byte[] derived =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec("earlier-password".toCharArray(), salt, 1000, 256))
            .getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String stored = "pbkdf2$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);

    assertTrue(PasswordHash.matches("earlier-password", stored));
    assertFalse(PasswordHash.matches("another-password", stored));
  }

  @Test
  void aChosenPasswordIsHashedWithSaltedPbkdf2() {
    String first = PasswordHash.hashChosen("correct horse");
    String second = PasswordHash.hashChosen("correct horse");

    assertTrue(first.startsWith("pbkdf2$" + PasswordHash.ITERATIONS + "$"), first);
    assertTrue(PasswordHash.ITERATIONS >= 600_000, "OWASP's figure for PBKDF2-HMAC-SHA256");
    assertNotEquals(first, second, "each hash has a salt of its own");
    assertTrue(PasswordHash.matches("correct horse", first));
    assertFalse(PasswordHash.matches("correct horse!", first));
  }

  @Test
  void anUnknownFormatMatchesNothing() {
    assertFalse(PasswordHash.matches("password", "md5$abc"));
  }
}
