package com.commentshield.text;

import java.text.Normalizer;

/**
 * Turns raw comment text into the canonical form the features are computed from, and notes the
 * obfuscation tricks it had to undo (those are strong spam signals on their own).
 *
 * <p>Steps: Unicode NFKC (full-width letters, ligatures), removal of zero-width and other format
 * characters (U+200B..U+200D, U+2060, U+FEFF, soft hyphen, bidi controls), accents stripped,
 * look-alike Cyrillic/Greek letters folded to Latin inside words that also hold Latin letters,
 * leetspeak digits and symbols folded inside words, spaced-out letters joined ({@code c i a l i s}),
 * runs of three or more identical letters shortened to two, lower case.
 *
 * <p>Plain Java, no framework; thread-safe (no state).
 */
public final class TextNormalizer {

  /**
   * What the normalizer made and undid; each flag becomes a signal feature.
   *
   * @param text the canonical text the word and character features are computed from
   * @param cleaned the text after decoding, NFKC and removal of invisible characters, before any
   *     folding and in its original case: what links, phone numbers and amounts are looked for in
   */
  public record Result(
      String text,
      String cleaned,
      boolean zeroWidth,
      boolean lookAlike,
      boolean leetspeak,
      boolean spacedLetters,
      int longestRun,
      int upperCaseLetters,
      int letters) {}

  private static final String LOOK_ALIKE_FROM =
      "аеорсухіјԁѕԛԝһӏАВЕКМНОРСТХІЈЅѴαονικρτυχεΑΒΕΗΙΚΜΝΟΡΤΥΧΖ";
  private static final String LOOK_ALIKE_TO =
      "aeopcyxijdsqwhlABEKMHOPCTXIJSVaovikptuxeABEHIKMNOPTYXZ";

  private TextNormalizer() {}

  public static Result normalize(String raw) {
    String text = decodeHtml(raw);
    boolean zeroWidth = false;
    boolean nonAscii = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        nonAscii = true;
        if (isInvisible(c)) {
          zeroWidth = true;
        }
      }
    }
    if (nonAscii) {
      text = Normalizer.normalize(text, Normalizer.Form.NFKC);
      text = stripInvisibleAndAccents(text);
    }
    int letters = 0;
    int upper = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean[] flags = new boolean[3]; // lookAlike, leetspeak, spaced
    foldWords(text, out, flags);
    String folded = out.toString();
    String joined = joinSpacedLetters(folded);
    if (!joined.equals(folded)) {
      flags[2] = true;
    }
    int[] longestRun = new int[1];
    String result = shortenRunsAndLowerCase(joined, longestRun);
    return new Result(
        result, text, zeroWidth, flags[0], flags[1], flags[2], longestRun[0], upper, letters);
  }

  /**
   * Decodes the HTML character references comment systems leave in text ({@code &amp;}, {@code
   * &#39;}, {@code &#x2F;}, {@code &nbsp;} ...) and turns {@code <br>} into a space, so that
   * {@code you&#39;re} and {@code you're} are the same word.
   */
  static String decodeHtml(String text) {
    int amp = text.indexOf('&');
    int tag = text.indexOf('<');
    if (amp < 0 && tag < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '&') {
        int semicolon = text.indexOf(';', i + 2);
        if (semicolon > 0 && semicolon - i <= 10) {
          int decoded = entity(text, i + 1, semicolon);
          if (decoded >= 0) {
            out.appendCodePoint(decoded);
            i = semicolon + 1;
            continue;
          }
        }
      } else if (c == '<' && isLineBreakTag(text, i)) {
        out.append(' ');
        i = text.indexOf('>', i) + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static int entity(String text, int from, int to) {
    if (text.charAt(from) == '#') {
      boolean hex = from + 1 < to && (text.charAt(from + 1) == 'x' || text.charAt(from + 1) == 'X');
      int digitsFrom = hex ? from + 2 : from + 1;
      if (digitsFrom >= to) {
        return -1;
      }
      try {
        int codePoint = Integer.parseInt(text, digitsFrom, to, hex ? 16 : 10);
        return Character.isValidCodePoint(codePoint) ? codePoint : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return switch (text.substring(from, to)) {
      case "amp" -> '&';
      case "lt" -> '<';
      case "gt" -> '>';
      case "quot" -> '"';
      case "apos" -> '\'';
      case "nbsp" -> ' ';
      default -> -1;
    };
  }

  private static boolean isLineBreakTag(String text, int i) {
    int close = text.indexOf('>', i);
    if (close < 0 || close - i > 6) {
      return false;
    }
    String inside = text.substring(i + 1, close).replace("/", "").trim();
    return inside.equalsIgnoreCase("br");
  }

  static boolean isInvisible(char c) {
    return c == '\u00AD'
        || (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u2069')
        || c == '\uFEFF'
        || c == '\u180E'
        || c == '\u034F';
  }

  private static String stripInvisibleAndAccents(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean decomposeNeeded = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isInvisible(c) || Character.getType(c) == Character.FORMAT) {
        continue;
      }
      if (c >= 0xC0 && c < 0x250) {
        decomposeNeeded = true;
      }
      sb.append(c);
    }
    if (!decomposeNeeded) {
      return sb.toString();
    }
    String decomposed = Normalizer.normalize(sb, Normalizer.Form.NFD);
    StringBuilder stripped = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        stripped.append(c);
      }
    }
    return Normalizer.normalize(stripped, Normalizer.Form.NFC);
  }

  /** Folds look-alike letters and leetspeak inside each word (run of non-space characters). */
  private static void foldWords(String text, StringBuilder out, boolean[] flags) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        out.append(' ');
        i++;
        continue;
      }
      int end = i;
      while (end < n && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      foldWord(text, i, end, out, flags);
      i = end;
    }
  }

  private static void foldWord(String text, int start, int end, StringBuilder out, boolean[] flags) {
    boolean hasLatin = false;
    boolean hasLookAlike = false;
    int letters = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        hasLatin = true;
        letters++;
      } else if (LOOK_ALIKE_FROM.indexOf(c) >= 0) {
        hasLookAlike = true;
        letters++;
      } else if (Character.isLetter(c)) {
        letters++;
      }
    }
    if (isUrlLike(text, start, end)) {
      out.append(text, start, end);
      return;
    }
    int wordStart = out.length();
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (hasLookAlike && hasLatin) {
        int k = LOOK_ALIKE_FROM.indexOf(c);
        if (k >= 0) {
          c = LOOK_ALIKE_TO.charAt(k);
          flags[0] = true;
        }
      }
      out.append(c);
    }
    if (letters >= 2) {
      foldLeet(out, wordStart, flags);
    }
  }

  private static boolean isUrlLike(String text, int start, int end) {
    for (int i = start; i + 2 < end; i++) {
      char c = text.charAt(i);
      if ((c == ':' && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/')
          || ((c == 'w' || c == 'W') && text.regionMatches(true, i, "www.", 0, 4))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces leet characters that stand where a letter belongs: between a letter and a letter
   * (or another leet digit), or, for digits, at the end of a word of three or more letters
   * ({@code fr33}, {@code m0ney}, {@code v1@gra}). Leading digits stay ({@code 4th}, {@code 3rd}).
   */
  private static void foldLeet(StringBuilder word, int from, boolean[] flags) {
    int end = word.length();
    for (int i = from + 1; i < end; i++) {
      char c = word.charAt(i);
      char replacement = leetLetter(c);
      if (replacement == 0 || !Character.isLetter(word.charAt(i - 1))) {
        continue;
      }
      boolean atEnd = i + 1 >= end;
      char right = atEnd ? 0 : word.charAt(i + 1);
      boolean letterFollows =
          !atEnd
              && (Character.isLetter(right)
                  || (Character.isDigit(right) && leetLetter(right) != 0));
      boolean wordEnds = atEnd || (!Character.isLetterOrDigit(right) && leetLetter(right) == 0);
      boolean trailingDigit = wordEnds && Character.isDigit(c) && i - from >= 3;
      if (letterFollows || trailingDigit) {
        word.setCharAt(i, replacement);
        flags[1] = true;
      }
    }
  }

  private static char leetLetter(char c) {
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

  /**
   * Joins three or more single letters separated by one or two separator characters (space, dot,
   * dash, underscore, star, pipe): {@code c i a l i s}, {@code v.i.a.g.r.a}.
   */
  static String joinSpacedLetters(String text) {
    int n = text.length();
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      if (isSingleLetterAt(text, i)) {
        int count = 1;
        int last = i;
        int j = i + 1;
        while (true) {
          int k = j;
          int seps = 0;
          while (k < n && isSeparator(text.charAt(k)) && seps < 2) {
            k++;
            seps++;
          }
          if (seps == 0 || k >= n || !isSingleLetterAt(text, k)) {
            break;
          }
          count++;
          last = k;
          j = k + 1;
        }
        if (count >= 3) {
          if (out == null) {
            out = new StringBuilder(n);
          }
          out.append(text, copied, i);
          for (int k = i; k <= last; k++) {
            char c = text.charAt(k);
            if (Character.isLetterOrDigit(c)) {
              out.append(c);
            }
          }
          copied = last + 1;
          i = last + 1;
          continue;
        }
        i = j;
        continue;
      }
      i++;
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, n);
    return out.toString();
  }

  private static boolean isSingleLetterAt(String text, int i) {
    char c = text.charAt(i);
    if (!Character.isLetter(c)) {
      return false;
    }
    boolean leftBoundary = i == 0 || isSeparator(text.charAt(i - 1));
    boolean rightBoundary = i + 1 >= text.length() || isSeparator(text.charAt(i + 1));
    return leftBoundary && rightBoundary;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '|';
  }

  private static String shortenRunsAndLowerCase(String text, int[] longestRun) {
    StringBuilder sb = new StringBuilder(text.length());
    char prev = 0;
    int run = 0;
    int longest = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (c == prev) {
        run++;
      } else {
        run = 1;
        prev = c;
      }
      if (run > longest && c != ' ') {
        longest = run;
      }
      if (run >= 3 && Character.isLetter(c)) {
        continue;
      }
      sb.append(c);
    }
    longestRun[0] = longest;
    return sb.toString();
  }
}
