package com.commentshield.common;

import java.security.SecureRandom;

/** Random tokens for keys, generated passwords and CSRF protection. */
public final class Tokens {

  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** {@code length} characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
  public static String random(int length) {
    char[] token = new char[length];
    for (int i = 0; i < length; i++) {
      token[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(token);
  }
}
