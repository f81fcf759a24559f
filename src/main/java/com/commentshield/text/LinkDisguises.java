package com.commentshield.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Undoes the ways spammers write an address so that link patterns miss it while people still read
 * it: spelled-out dots ({@code example dot com}, {@code example(dot)com}), spaces around the dot
 * before a top-level domain ({@code example . com}), dots from other scripts ({@code example。com},
 * {@code example·com}), and a broken-up scheme or {@code www} ({@code ht tp: //}, {@code w ww .}).
 * Full-width letters and dots are already folded by NFKC before this runs.
 */
final class LinkDisguises {

  /** Top-level domains a disguised address ends in; only before these is a spaced dot a link's. */
  private static final String TLDS =
      "(?:com|net|org|info|biz|ru|xyz|top|io|co|ly|me|tk|ml|online|site|club|shop|store|live|"
          + "link|click|us|uk|de|cn|in|br|pl|fr|it|nl|es|ca|au|cc|ws|tv|pw|su|ua|vn|app|dev|ai|"
          + "win|bid|loan|work|buzz|icu|vip|fun|pro|cam|today)";

  /**
   * The top-level domains a dot with a space beside it may be followed by: none is an English or
   * common word, so a sentence's full stop before the next sentence is never taken for one.
   */
  private static final Set<String> UNAMBIGUOUS =
      Set.of(
          "com", "net", "org", "ru", "xyz", "biz", "tk", "ml", "cn", "uk", "ly", "io", "cc", "su",
          "icu", "vip", "online", "site", "club", "store");

  /** {@link #UNAMBIGUOUS} as a pattern: none is a prefix of another, so their order is free. */
  private static final String UNAMBIGUOUS_TLDS = "(?:" + String.join("|", UNAMBIGUOUS) + ")";

  private static final Pattern BRACKETED_DOT =
      Pattern.compile("(?i)\\s{0,3}[(\\[{<]\\s{0,3}(?:dot|\\.)\\s{0,3}[)\\]}>]\\s{0,3}");
  private static final Pattern SPELLED_DOT =
      Pattern.compile(
          "(?i)(?<=[a-z0-9])\\s{1,3}dot\\s{1,3}(?=" + TLDS + "\\b|[a-z0-9-]{2,40}\\s{1,3}dot\\s)");
  private static final Pattern SPACED_DOT =
      Pattern.compile(
          "(?i)(?<=[a-z0-9])(?:\\s{1,3}\\.\\s{0,3}|\\.\\s{1,3})(?="
              + UNAMBIGUOUS_TLDS
              + "(?:\\b|/))");
  private static final Pattern SPACED_SCHEME =
      Pattern.compile(
          "(?i)\\bh\\s{0,2}t\\s{0,2}t\\s{0,2}p(\\s{0,2}s)?\\s{0,2}:\\s{0,2}/\\s{0,2}/\\s{0,2}");
  private static final Pattern SPACED_WWW =
      Pattern.compile("(?i)\\bw\\s{0,2}w\\s{0,2}w\\s{0,2}\\.\\s{0,2}");

  private LinkDisguises() {}

  /** {@code text} with disguised addresses written plainly; the same string when there are none. */
  static String undo(String text) {
    if (!mayHoldDisguise(text)) {
      return text;
    }
    // Each pattern runs only where a cheap look finds what it needs: a pattern's own search tries
    // every position of the text, which made this most of the cost of featurizing a comment.
    String s = foreignDots(text);
    if (hasBracketedDot(s)) {
      s = BRACKETED_DOT.matcher(s).replaceAll(".");
    }
    if (hasSpelledDot(s)) {
      s = SPELLED_DOT.matcher(s).replaceAll(".");
    }
    if (hasSpacedDotBeforeDomain(s)) {
      s = SPACED_DOT.matcher(s).replaceAll(".");
    }
    if (hasWordStarting(s, 'h', 't', "http://", "https://")) {
      s = SPACED_SCHEME.matcher(s).replaceAll(m -> m.group(1) == null ? "http://" : "https://");
    }
    if (hasWordStarting(s, 'w', 'w', "www.", "www.")) {
      s = SPACED_WWW.matcher(s).replaceAll("www.");
    }
    return s.equals(text) ? text : s;
  }

  /** A bracket, at most three spaces, then a dot or a d: what {@link #BRACKETED_DOT} needs. */
  private static boolean hasBracketedDot(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{' || c == '<') {
        int next = skipSpaces(s, i + 1, 3);
        if (next < s.length()
            && (s.charAt(next) == '.' || Chars.toLowerCase(s.charAt(next)) == 'd')) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code dot} in any case with a space before and after: what {@link #SPELLED_DOT} needs. */
  private static boolean hasSpelledDot(String s) {
    for (int i = 1; i + 3 < s.length(); i++) {
      if (PatternSearch.isPatternSpace(s.charAt(i - 1))
          && s.regionMatches(true, i, "dot", 0, 3)
          && PatternSearch.isPatternSpace(s.charAt(i + 3))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A dot with a space on either side, followed (after at most three spaces) by a top-level domain
   * of {@link #UNAMBIGUOUS_TLDS} standing alone: what {@link #SPACED_DOT} needs.
   */
  private static boolean hasSpacedDotBeforeDomain(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '.') {
        continue;
      }
      boolean spaceBefore = i > 0 && PatternSearch.isPatternSpace(s.charAt(i - 1));
      boolean spaceAfter = i + 1 < s.length() && PatternSearch.isPatternSpace(s.charAt(i + 1));
      if (!spaceBefore && !spaceAfter) {
        continue;
      }
      int start = skipSpaces(s, i + 1, 3);
      int end = start;
      while (end < s.length() && PatternSearch.isAsciiLetterOrDigit(s.charAt(end))) {
        end++;
      }
      if (end > start
          && end - start <= 6
          && UNAMBIGUOUS.contains(s.substring(start, end).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A word that starts with {@code first} then, after at most two spaces, {@code second}, in any
   * case, other than {@code plain} or {@code plainToo} written as they are and not followed by a
   * space (which the patterns would replace by themselves): what {@link #SPACED_SCHEME} ({@code h
   * t}) and {@link #SPACED_WWW} ({@code w w}) need to change anything.
   */
  private static boolean hasWordStarting(
      String s, char first, char second, String plain, String plainToo) {
    for (int i = 0; i + 1 < s.length(); i++) {
      if (Chars.toLowerCase(s.charAt(i)) != first || (i > 0 && isWordChar(s.charAt(i - 1)))) {
        continue;
      }
      int next = skipSpaces(s, i + 1, 2);
      if (next >= s.length() || Chars.toLowerCase(s.charAt(next)) != second) {
        continue;
      }
      if (!writtenPlainly(s, i, plain) && !writtenPlainly(s, i, plainToo)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code plain} is at {@code at}, as it is, and no space follows it. */
  private static boolean writtenPlainly(String s, int at, String plain) {
    int end = at + plain.length();
    return s.startsWith(plain, at)
        && (end >= s.length() || !PatternSearch.isPatternSpace(s.charAt(end)));
  }

  /** What a word boundary counts as inside a word, generously (a superset is safe here). */
  private static boolean isWordChar(char c) {
    return c < 128 ? PatternSearch.isAsciiLetterOrDigit(c) || c == '_' : false;
  }

  /** The index after at most {@code max} pattern spaces from {@code from}. */
  private static int skipSpaces(String s, int from, int max) {
    int i = from;
    while (i < s.length() && i - from < max && PatternSearch.isPatternSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Dots from other scripts between two letters or digits become dots. */
  private static String foreignDots(String s) {
    char[] chars = null;
    for (int i = 1; i + 1 < s.length(); i++) {
      if (isForeignDot(s.charAt(i))
          && Chars.isLetterOrDigit(s.charAt(i - 1))
          && Chars.isLetterOrDigit(s.charAt(i + 1))) {
        if (chars == null) {
          chars = s.toCharArray();
        }
        chars[i] = '.';
      }
    }
    return chars == null ? s : new String(chars);
  }

  private static boolean isForeignDot(char c) {
    return c == '\u3002'
        || c == '\u2024'
        || c == '\u2027'
        || c == '\u00B7'
        || c == '\u2219'
        || c == '\u22C5'
        || c == '\u2022'
        || c == '\uFF61';
  }

  /**
   * A cheap look for what every disguise needs: a bracket, a dot with a space beside it, the
   * letters {@code dot}, a foreign dot, or {@code ht}/{@code w w} split by a space.
   */
  private static boolean mayHoldDisguise(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if ((i > 0 && s.charAt(i - 1) == ' ') || (i + 1 < n && s.charAt(i + 1) == ' ')) {
          if ((i + 2 < n && Chars.isLetter(s.charAt(i + 2)))
              || (i + 1 < n && Chars.isLetter(s.charAt(i + 1)))) {
            return true;
          }
        }
      } else if (c == '(' || c == '[' || c == '{' || c == '<') {
        return true;
      } else if ((c == 'd' || c == 'D') && i + 2 < n) {
        char o = s.charAt(i + 1);
        char t = s.charAt(i + 2);
        if ((o == 'o' || o == 'O') && (t == 't' || t == 'T')) {
          return true;
        }
      } else if (c == ' ' && i > 0 && i + 1 < n) {
        char before = Character.toLowerCase(s.charAt(i - 1));
        char after = Character.toLowerCase(s.charAt(i + 1));
        if ((before == 'h' && after == 't')
            || (before == 't' && after == 't')
            || (before == 'w' && after == 'w')
            || (before == 'p' && after == ':')) {
          return true;
        }
      } else if (c >= 0x80 && isForeignDot(c)) {
        return true;
      }
    }
    return false;
  }
}
