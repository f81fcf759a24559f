package com.commentshield.text;

/**
 * {@link Character}'s classifications with a table lookup for ASCII, where nearly every character
 * of a comment falls: the general methods go through Unicode data for every call, which showed up
 * as a tenth of featurizing time.
 */
final class Chars {

  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  private static final byte WHITESPACE = 4;
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] =
          (byte)
              ((Character.isLetter(c) ? LETTER : 0)
                  | (Character.isDigit(c) ? DIGIT : 0)
                  | (Character.isWhitespace(c) ? WHITESPACE : 0));
    }
  }

  private Chars() {}

  static boolean isLetter(char c) {
    return c < 128 ? (ASCII[c] & LETTER) != 0 : Character.isLetter(c);
  }

  static boolean isLetterOrDigit(char c) {
    return c < 128 ? (ASCII[c] & (LETTER | DIGIT)) != 0 : Character.isLetterOrDigit(c);
  }

  static boolean isWhitespace(char c) {
    return c < 128 ? (ASCII[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
  }

  static char toLowerCase(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }
}
