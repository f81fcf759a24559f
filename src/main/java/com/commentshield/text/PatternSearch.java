package com.commentshield.text;

import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Searches with a pattern only where a match can start. A pattern's own {@code find} tries every
 * position of the text, at a few dozen nanoseconds each; for the signal patterns, which match
 * rarely and only after a digit, a bracket or a given letter, that was most of the cost of
 * featurizing a comment. Each method takes a test of a position that every match's start passes (at
 * least), tries the pattern only there, and answers what the pattern's own search would: the
 * matcher uses transparent bounds, so lookbehinds and word boundaries still see the text before the
 * position.
 */
final class PatternSearch {

  private PatternSearch() {}

  /**
   * Like {@code m.find(from)}, trying only the positions {@code mayStartAt} passes; {@code m} must
   * come from {@link #matcher}. On success {@code m.start()}, {@code end()} and {@code group()} are
   * those of the match.
   */
  static boolean find(Matcher m, String text, int from, IntPredicate mayStartAt) {
    int length = text.length();
    for (int i = from; i < length; i++) {
      if (mayStartAt.test(i) && m.region(i, length).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code pattern.matcher(text).find()} for a pattern whose every match starts at one of {@code
   * starts[0..count)}: tries only those.
   */
  static boolean findAt(Pattern pattern, String text, int[] starts, int count) {
    if (count == 0) {
      return false;
    }
    Matcher m = matcher(pattern, text);
    int length = text.length();
    for (int k = 0; k < count; k++) {
      if (m.region(starts[k], length).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** A matcher whose regions let lookbehinds and word boundaries see the whole text. */
  static Matcher matcher(Pattern pattern, String text) {
    return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /** Whether {@code c} is in the pattern class {@code \s}: {@code [ \t\n\x0B\f\r]}. */
  static boolean isPatternSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
