package com.commentshield.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: salted PBKDF2-HMAC-SHA256 ({@code pbkdf2$iterations$salt$hash}) of passwords
 * people choose (those given in configuration), and SHA-256 ({@code sha256$hash}) of the random
 * passwords the service generates. Earlier versions stored PBKDF2 hashes of generated passwords;
 * those are still checked.
 */
final class PasswordHash {

  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /**
   * The hash of a random secret the service generated, such as a first-start password. PBKDF2's
   * deliberate slowness protects passwords that people choose, which an attacker can guess; a
   * generated secret of 20 characters from a 57-letter alphabet (117 bits) cannot be guessed, so
   * SHA-256 is as safe here as it is for API keys, and a first start does not spend a second of CPU
   * per user on key stretching.
   */
  static String hashGenerated(String secret) {
    return "sha256$" + b64(sha256(secret));
  }

  /** PBKDF2 work factor for chosen passwords: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;

  /**
   * The hash of a password a person chose: salted and slow, so that one guess costs an attacker who
   * holds the hash (or the service's CPU, for one who guesses over HTTP) about half a second.
   */
  static String hashChosen(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
  }

  static boolean matches(String password, String stored) {
    if (stored.startsWith("sha256$")) {
      byte[] expected = Base64.getDecoder().decode(stored.substring("sha256$".length()));
      return MessageDigest.isEqual(expected, sha256(password));
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
      return false;
    }
    int iterations = Integer.parseInt(parts[1]);
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, iterations));
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
