package com.commentshield.text;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the numbers of a comment apart: a phone number is a reason to look twice, a view count, a
 * year or the price of a phone is what ordinary comments are full of, and earnings per day are what
 * scams promise. Each kind is a signal of its own, so a learner weighs them apart.
 */
final class Numbers {

  static final String PHONE = "phone number";
  static final String COUNT = "count (views, likes, comments)";
  static final String AUDIENCE = "count of subscribers or followers";
  static final String YEAR = "year";
  static final String PRICE = "price or amount of money";
  static final String EARNINGS = "earnings per day, week or month";

  // Bounded repetitions: the regex engine recurses per repetition of a group (see Featurizer).
  // Number runs are possessive ({0,20}+): what follows a number in these patterns never starts
  // with a digit, comma or dot, so giving characters back cannot make a match, and not trying
  // spares a failed attempt most of its work.
  private static final Pattern PHONE_CANDIDATE =
      Pattern.compile("(?:\\+?\\d[\\s().,-]{0,2}){9,20}");
  private static final Pattern MONEY =
      Pattern.compile(
          "(?i)[$£€¥₹]\\s?\\d"
              + "|\\d[\\d,.]{0,20}+\\s?(?:usd|dollars|bucks|euros?|eur|gbp|pounds|btc|rs|inr)\\b");
  private static final Pattern EARNINGS_RATE =
      Pattern.compile(
          "(?i)(?:[$£€¥₹]\\s?\\d[\\d,.]{0,20}+\\s?k?|\\d[\\d,.]{0,20}+\\s?k?\\s?"
              + "(?:usd|dollars|bucks|euros?|btc))\\s?"
              + "(?:/|a|an|per|every|each)\\s?(?:day|daily|week|weekly|month|monthly|hr|hour|h)\\b"
              + "|(?i)\\b(?:daily|weekly|monthly)\\s(?:income|profit|earnings|pay)");
  private static final Pattern COUNT_PATTERN =
      Pattern.compile(
          "(?i)\\b\\d[\\d,.]{0,20}+\\s?(?:k|m|b|mil|million|billion|thousand)?\\s?"
              + "(?:views|likes|dislikes|comments|plays|streams|times|people|downloads|replays|"
              + "hits)\\b"
              + "|\\b\\d{1,3}(?:[.,]\\d)?\\s?(?:k|m|b|million|billion)\\b");
  private static final Pattern AUDIENCE_PATTERN =
      Pattern.compile(
          "(?i)\\b\\d[\\d,.]{0,20}+\\s?(?:k|m|mil|million|thousand)?\\s?"
              + "(?:subs|subscribers|followers|fans)\\b");
  private static final Pattern YEAR_PATTERN =
      Pattern.compile("(?<![\\d$£€.,])(?:19|20)\\d\\d(?![\\d,.]\\d)");

  private Numbers() {}

  /** Emits the signal name of every kind of number {@code text} holds, each kind once. */
  static void signals(String text, Consumer<String> signal) {
    if (!hasDigit(text)) {
      return;
    }
    // Every pattern but the earnings' word alternative starts at a digit or a currency sign: the
    // patterns are tried there only (their own search tries every position, most of the cost).
    Starts starts = Starts.of(text);
    boolean earnings =
        PatternSearch.findAt(EARNINGS_RATE, text, starts.amounts, starts.amountCount)
            || (mayNameAPeriod(text) && EARNINGS_RATE.matcher(text).find());
    if (earnings) {
      signal.accept(EARNINGS);
    } else if (PatternSearch.findAt(MONEY, text, starts.amounts, starts.amountCount)) {
      signal.accept(PRICE);
    }
    boolean count = PatternSearch.findAt(COUNT_PATTERN, text, starts.numbers, starts.numberCount);
    if (count) {
      signal.accept(COUNT);
    }
    boolean audience =
        PatternSearch.findAt(AUDIENCE_PATTERN, text, starts.numbers, starts.numberCount);
    if (audience) {
      signal.accept(AUDIENCE);
    }
    if (PatternSearch.findAt(YEAR_PATTERN, text, starts.years, starts.yearCount)) {
      signal.accept(YEAR);
    }
    if (countDigits(text) >= 9 && containsPhoneNumber(text)) {
      signal.accept(PHONE);
    }
  }

  /**
   * Nine to fifteen digits in at most five groups: {@code +44 7700 900123}, {@code (555) 123-4567}
   * and {@code 1-800-555-0199} are phone numbers; a list {@code 1 2 3 4 5 6 7 8 9} is not, nor a
   * count with separators of thousands ({@code 1,234,567,890} or {@code 2.000.000.000}) or a number
   * followed by what it counts ({@code 1000000000 views}).
   */
  static boolean containsPhoneNumber(String s) {
    Matcher m = PatternSearch.matcher(PHONE_CANDIDATE, s);
    int from = 0;
    while (PatternSearch.find(m, s, from, i -> mayStartPhoneNumber(s.charAt(i)))) {
      from = m.end();
      String candidate = m.group();
      int digits = 0;
      int groups = 0;
      boolean inGroup = false;
      for (int i = 0; i < candidate.length(); i++) {
        boolean digit = Character.isDigit(candidate.charAt(i));
        if (digit) {
          digits++;
          if (!inGroup) {
            groups++;
          }
        }
        inGroup = digit;
      }
      if (digits <= 15
          && groups <= 5
          && !groupedInThousands(candidate.strip())
          && !countedAfter(s, m.end())) {
        return true;
      }
    }
    return false;
  }

  /** {@code 1,234,567} or {@code 1.234.567}: groups of three after the first, one separator. */
  private static boolean groupedInThousands(String number) {
    if (number.indexOf(',') < 0 && number.indexOf('.') < 0) {
      return false;
    }
    String[] groups = number.split("[,.]", -1);
    if (groups.length < 2 || groups[0].isEmpty() || groups[0].length() > 3) {
      return false;
    }
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3 || !groups[i].chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  /** Whether what follows {@code end} says what the number counts. */
  private static boolean countedAfter(String s, int end) {
    int i = end;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    String after = "1 " + s.substring(i, Math.min(s.length(), i + 20));
    return COUNT_PATTERN.matcher(after).lookingAt() || AUDIENCE_PATTERN.matcher(after).lookingAt();
  }

  /**
   * Where the number patterns may match, in order. {@code amounts}: for the money and earnings
   * patterns ({@code [$£€¥₹]} or {@code \d[\d,.]{0,20}} first), every currency sign and the digits
   * that follow no digit: a match from a digit after a digit is also one from the digit before, as
   * long as the run of digits, commas and dots is at most 20 long (in longer runs every digit is
   * kept). {@code numbers}: for the count patterns ({@code \b\d}), digits after no letter, digit or
   * underscore. {@code years}: a 1 or 2 after none of {@code [\d$£€.,]}.
   */
  private record Starts(
      int[] amounts, int amountCount, int[] numbers, int numberCount, int[] years, int yearCount) {

    static Starts of(String text) {
      int n = text.length();
      int[] amounts = new int[n];
      int[] numbers = new int[n];
      int[] years = new int[n];
      int amountCount = 0;
      int numberCount = 0;
      int yearCount = 0;
      // Inside a run of digits, commas and dots, and whether that run is longer than 20.
      boolean inRun = false;
      boolean longRun = false;
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (!isDigitCommaOrDot(c)) {
          inRun = false;
          if (isCurrencySign(c)) {
            amounts[amountCount++] = i;
          }
          continue;
        }
        if (!inRun) {
          inRun = true;
          int end = i;
          while (end < n && isDigitCommaOrDot(text.charAt(end))) {
            end++;
          }
          longRun = end - i > 20;
        }
        if (c == ',' || c == '.') {
          continue;
        }
        char before = i > 0 ? text.charAt(i - 1) : ' ';
        boolean afterDigit = before >= '0' && before <= '9';
        if (!afterDigit || longRun) {
          amounts[amountCount++] = i;
        }
        if (!PatternSearch.isAsciiLetterOrDigit(before) && before != '_') {
          numbers[numberCount++] = i;
        }
        if ((c == '1' || c == '2')
            && !afterDigit
            && before != '$'
            && before != '£'
            && before != '€'
            && before != '.'
            && before != ',') {
          years[yearCount++] = i;
        }
      }
      return new Starts(amounts, amountCount, numbers, numberCount, years, yearCount);
    }

    private static boolean isDigitCommaOrDot(char c) {
      return (c >= '0' && c <= '9') || c == ',' || c == '.';
    }
  }

  private static boolean isCurrencySign(char c) {
    return c == '$' || c == '£' || c == '€' || c == '¥' || c == '₹';
  }

  /**
   * Whether {@code daily}, {@code weekly} or {@code monthly} occurs in any case: what the word
   * alternative of {@link #EARNINGS_RATE} needs.
   */
  private static boolean mayNameAPeriod(String text) {
    for (int i = 0; i + 5 <= text.length(); i++) {
      char c = Chars.toLowerCase(text.charAt(i));
      if ((c == 'd' && text.regionMatches(true, i, "daily", 0, 5))
          || (c == 'w' && text.regionMatches(true, i, "weekly", 0, 6))
          || (c == 'm' && text.regionMatches(true, i, "monthly", 0, 7))) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayStartPhoneNumber(char c) {
    return (c >= '0' && c <= '9') || c == '+';
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private static int countDigits(String s) {
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits;
  }
}
