package com.commentshield.text;

/**
 * {@link Character}'s classifications with a table lookup for ASCII, where nearly every character
 * of a comment falls: the general methods go through Unicode data for every call, which showed up
 * as a tenth of featurizing time. The one table of what the text package asks of an ASCII
 * character: {@link #ASCII} holds its bits.
 */
final class Chars {

  /** A letter; the value 1, so that masking counts letters. */
  static final byte LETTER = 1;

  /** A capital letter; the value 2. */
  static final byte UPPER = 2;

  /** A digit or sign that leetspeak uses for a letter ({@link #leetLetter}). */
  static final byte LEET_CANDIDATE = 4;

  /** Space, dot, dash, underscore, star or pipe: what spaced-out letters are separated by. */
  static final byte SEPARATOR = 8;

  /** Whitespace other than the plain space. */
  static final byte OTHER_WHITESPACE = 16;

  static final byte DIGIT = 32;
  static final byte WHITESPACE = 64;

  /** The bits of each ASCII character. */
  static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] =
          (byte)
              ((Character.isLetter(c) ? LETTER : 0)
                  | (c >= 'A' && c <= 'Z' ? UPPER : 0)
                  | (leetLetter(c) != 0 ? LEET_CANDIDATE : 0)
                  | (c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '|'
                      ? SEPARATOR
                      : 0)
                  | (c != ' ' && Character.isWhitespace(c) ? OTHER_WHITESPACE : 0)
                  | (Character.isDigit(c) ? DIGIT : 0)
                  | (Character.isWhitespace(c) ? WHITESPACE : 0));
    }
  }

  private Chars() {}

  /** The letter a digit or sign stands for in leetspeak, or 0. */
  static char leetLetter(char c) {
    return switch (c) {
      case '0' -> 'o';
      case '1', '!', '|' -> 'i';
      case '3' -> 'e';
      case '4', '@' -> 'a';
      case '5', '$' -> 's';
      case '7' -> 't';
      default -> 0;
    };
  }

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
