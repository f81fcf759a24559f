package com.commentshield.common;

/**
 * Text as every supported database stores it: PostgreSQL refuses U+0000 in a text column (the whole
 * statement fails) and turns a lone UTF-16 surrogate into '?'. Both become U+FFFD, the Unicode
 * replacement character, before anything that stores the text acknowledges it, so that no comment
 * can fail a write that carries other comments with it.
 */
public final class StorableText {

  public static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /** {@code text} with U+0000 and unpaired surrogates replaced by U+FFFD; null stays null. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || Character.isSurrogate(c)) {
        return cleanFrom(text, i);
      }
    }
    return text;
  }

  private static String cleanFrom(String text, int start) {
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, start);
    int n = text.length();
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c == 0) {
        out.append(REPLACEMENT);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(REPLACEMENT);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
