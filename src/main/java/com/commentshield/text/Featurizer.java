package com.commentshield.text;

import com.commentshield.comment.Comment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a comment into a {@link FeatureVector}: word unigrams and bigrams and character n-grams of
 * the normalised text, plus structural signals, all hashed into a space of 2^bits dimensions.
 *
 * <p>Thread-safe: the only state is the immutable settings; scratch space is borrowed per comment
 * (see {@link FeatureOccurrences}).
 */
public final class Featurizer {

  private static final int WORD_SEED = 0x2545F491;
  private static final int BIGRAM_SEED = 0x61C88647;
  private static final int CHAR_SEED = 0x7FEB352D;
  private static final int SIGNAL_SEED = 0x1B873593;

  // Repeated groups are bounded ({0,8}, {9,20}): Java's regex engine recurses once per repetition
  // of a group, and an unbounded one overflowed the stack on a 10,000-character comment such as
  // "a.a.a.a..." or "1 1 1 1 ...".
  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:(?:https?|hxxps?)://|www\\.)[^\\s<>\"'()]+"
              + "|\\b[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63}){0,8}\\."
              + "(?:com|net|org|info|biz|ru|xyz|top|io|co|ly|me|tk|ml|ga|cf|gq|online|site|club|"
              + "shop|store|live|link|click|us|uk|de|cn|in|br|pl|fr|it|nl|es|ca|au|cc|ws|tv|pw|su|"
              + "ua|vn|id|app|dev|ai|gl|gd|win|bid|loan|work|buzz|icu|vip|fun|pro|cam|rest|today)"
              + "\\b(?:/[^\\s<>\"']*)?");
  private static final Pattern EMAIL =
      Pattern.compile("[a-zA-Z0-9._%+-]+@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+){0,8}\\.[a-zA-Z]{2,}");
  private static final Pattern PHONE = Pattern.compile("(?:\\+?\\d[\\s().-]{0,2}){9,20}");
  private static final Pattern MONEY =
      Pattern.compile(
          "(?i)[$£€]\\s?\\d"
              + "|\\d[\\d,.]*\\s?(?:usd|dollars|euros?|gbp|pounds|btc|k/month|/hr|/day)\\b");
  private static final Set<String> SHORTENERS =
      Set.of(
          "bit.ly",
          "tinyurl.com",
          "goo.gl",
          "t.co",
          "ow.ly",
          "is.gd",
          "buff.ly",
          "cutt.ly",
          "rb.gy",
          "shorturl.at",
          "tiny.cc",
          "rebrand.ly",
          "t.ly",
          "bl.ink",
          "s.id",
          "v.gd");

  private final FeatureSettings settings;
  private final int mask;

  public Featurizer(FeatureSettings settings) {
    this.settings = settings;
    this.mask = settings.dimension() - 1;
  }

  public FeatureSettings settings() {
    return settings;
  }

  public FeatureVector featurize(Comment comment) {
    FeatureOccurrences acc = FeatureOccurrences.borrow();
    try {
      List<String> signals = new ArrayList<>(4);
      String content = comment.content() == null ? "" : comment.content();
      TextNormalizer.Result norm = TextNormalizer.normalize(content);
      int length = foldSeparators(norm.text(), acc);
      int[] codes = acc.codes(length);
      words(codes, length, acc, null);
      acc.endWords();
      chars(codes, length, acc, null);
      acc.endChars();
      structuralSignals(comment, norm, acc, signals);
      return acc.toVector(settings.dimension(), signals, norm.text());
    } finally {
      acc.release();
    }
  }

  /**
   * Names the features of a comment whose index passes {@code wanted}, for reasons shown to people.
   * Character n-grams are named too, but callers usually prefer words and signals.
   */
  public Map<Integer, Feature> describe(Comment comment, IntPredicate wanted) {
    return describe(featurize(comment), wanted, true);
  }

  /**
   * Names the features of a featurized comment whose index passes {@code wanted}. Words come from
   * the vector's normalised text and signals from its signal names, so the costly parts of
   * featurizing (normalising, the link and number patterns) are not repeated; without {@code
   * includeChars} the character n-grams are not even computed.
   */
  public Map<Integer, Feature> describe(
      FeatureVector features, IntPredicate wanted, boolean includeChars) {
    Map<Integer, Feature> names = new HashMap<>();
    Namer namer =
        new Namer() {
          @Override
          public boolean wants(int index) {
            return wanted.test(index);
          }

          @Override
          public void name(int index, FeatureKind kind, String name) {
            names.putIfAbsent(index, new Feature(kind, name));
          }
        };
    FeatureOccurrences acc = FeatureOccurrences.borrow();
    try {
      int length = foldSeparators(features.text(), acc);
      int[] codes = acc.codes(length);
      words(codes, length, acc, namer);
      if (includeChars) {
        chars(codes, length, acc, namer);
      }
    } finally {
      acc.release();
    }
    for (String signal : features.signals()) {
      int index = signalIndex(signal);
      if (wanted.test(index)) {
        namer.name(index, FeatureKind.SIGNAL, signal);
      }
    }
    return names;
  }

  /** A named feature. */
  public record Feature(FeatureKind kind, String name) {}

  /** Receives feature names, built only for the indices it wants. */
  private interface Namer {
    boolean wants(int index);

    void name(int index, FeatureKind kind, String name);
  }

  /**
   * Writes the text into {@link FeatureOccurrences#codes} with every run of non-alphanumeric
   * characters folded to one space and a space at both ends, and returns its length: the words are
   * the runs between spaces, and character n-grams see word boundaries.
   */
  private static int foldSeparators(String text, FeatureOccurrences acc) {
    int[] codes = acc.codes(text.length() + 2);
    int length = 0;
    codes[length++] = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Chars.isLetterOrDigit(c)) {
        codes[length++] = c;
      } else if (codes[length - 1] != ' ') {
        codes[length++] = ' ';
      }
    }
    if (codes[length - 1] != ' ') {
      codes[length++] = ' ';
    }
    return length;
  }

  /** Words and pairs of adjacent words of the folded text {@code codes[0..length)}. */
  private void words(int[] codes, int length, FeatureOccurrences acc, Namer namer) {
    int prevHash = 0;
    int prevStart = -1;
    int prevEnd = -1;
    int i = 0;
    while (i < length) {
      if (codes[i] == ' ') {
        i++;
        continue;
      }
      int start = i;
      int h = WORD_SEED;
      while (codes[i] != ' ') {
        h = (h ^ codes[i]) * 0x01000193;
        i++;
      }
      int index = fmix(h) & mask;
      acc.add(index);
      if (namer != null && namer.wants(index)) {
        namer.name(index, FeatureKind.WORD, new String(codes, start, i - start));
      }
      if (settings.wordBigrams() && prevStart >= 0) {
        int bigram = fmix(prevHash * 31 + h + BIGRAM_SEED) & mask;
        acc.add(bigram);
        if (namer != null && namer.wants(bigram)) {
          namer.name(
              bigram,
              FeatureKind.WORD,
              new String(codes, prevStart, prevEnd - prevStart)
                  + " "
                  + new String(codes, start, i - start));
        }
      }
      prevHash = h;
      prevStart = start;
      prevEnd = i;
    }
  }

  /** Character n-grams of the folded text {@code codes[0..len)}. */
  private void chars(int[] codes, int len, FeatureOccurrences acc, Namer namer) {
    int min = settings.charMin();
    int max = settings.charMax();
    int lengths = max - min + 1;
    // The hash of the n-gram of length n at each start extends that of length n - 1: one length
    // at a time over all start positions, in loops without branches that the JIT vectorizes.
    int[] running = acc.running(len);
    int[][] grams = acc.grams(lengths, len);
    Arrays.fill(running, 0, len, CHAR_SEED);
    // window[start] is the character that extends the n-gram at start to length n: codes[start +
    // n - 1]. Shifting it once per length costs less than reading codes at an offset, which kept
    // the loop from vectorizing.
    int[] window = acc.window(len);
    System.arraycopy(codes, 0, window, 0, len);
    for (int n = 1; n <= max; n++) {
      int starts = len - n + 1;
      for (int start = 0; start < starts; start++) {
        running[start] = (running[start] ^ window[start]) * 0x01000193;
      }
      if (starts > 1) {
        System.arraycopy(window, 1, window, 0, starts - 1);
      }
      if (n >= min) {
        // a row of its own: written at an offset into a shared array, this loop did not vectorize
        int[] row = grams[n - min];
        for (int start = 0; start < starts; start++) {
          row[start] = fmix(running[start] + n) & mask;
        }
      }
    }
    // The occurrences in the order they always had: by start position, shortest first.
    int[] occurrences = acc.reserve(len * lengths);
    int k = acc.size();
    int start = 0;
    if (min > 1) {
      // Every start before the last max - 1 has all the lengths: a block of `lengths` occurrences
      // each, filled a length at a time.
      int fullStarts = Math.max(0, len - max + 1);
      for (int n = min; n <= max; n++) {
        int[] row = grams[n - min];
        for (int at = k + n - min, s = 0; s < fullStarts; s++, at += lengths) {
          occurrences[at] = row[s];
        }
      }
      k += fullStarts * lengths;
      start = fullStarts;
    }
    for (; start < len; start++) {
      int longest = Math.min(max, len - start);
      for (int n = min; n <= longest; n++) {
        if (n == 1 && codes[start] == ' ') {
          continue;
        }
        occurrences[k++] = grams[n - min][start];
      }
    }
    acc.setSize(k);
    if (namer != null) {
      for (int from = 0; from < len; from++) {
        int longest = Math.min(max, len - from);
        for (int n = min; n <= longest; n++) {
          int index = grams[n - min][from];
          if ((n > 1 || codes[from] != ' ') && namer.wants(index)) {
            namer.name(index, FeatureKind.CHARS, new String(codes, from, n));
          }
        }
      }
    }
  }

  private void structuralSignals(
      Comment comment, TextNormalizer.Result norm, FeatureOccurrences acc, List<String> signals) {
    String content = norm.cleaned();
    String deobfuscated = undoDotTricks(content);
    int links = 0;
    Matcher m = null;
    int candidate = nextLinkCandidate(deobfuscated, 1);
    while (candidate >= 0) {
      // A link holds no whitespace: run the pattern over the candidate's token only.
      int end = tokenEnd(deobfuscated, candidate);
      if (m == null) {
        m = URL.matcher(deobfuscated);
      }
      m.region(tokenStart(deobfuscated, candidate), end);
      while (m.find()) {
        links++;
        String domain = domainOf(m.group());
        if (domain != null) {
          signal("link domain " + domain, acc, signals);
          int dot = domain.lastIndexOf('.');
          if (dot > 0) {
            signal("link top-level domain " + domain.substring(dot), acc, signals);
          }
          if (SHORTENERS.contains(domain)) {
            signal("link shortener", acc, signals);
          }
        }
      }
      candidate = nextLinkCandidate(deobfuscated, end + 1);
    }
    if (links > 0) {
      signal(
          links == 1 ? "one link" : links == 2 ? "two links" : "three or more links", acc, signals);
    }
    if (containsEmailAddress(deobfuscated)) {
      signal("e-mail address in text", acc, signals);
    }
    if (countDigits(content) >= 9 && containsPhoneNumber(content)) {
      signal("phone number", acc, signals);
    }
    if (mayMentionMoney(content) && containsMoneyAmount(content)) {
      signal("money amount", acc, signals);
    }
    if (norm.letters() >= 12 && norm.upperCaseLetters() * 10 >= norm.letters() * 7) {
      signal("shouting (mostly capitals)", acc, signals);
    }
    if (norm.longestRun() >= 4) {
      signal("repeated characters", acc, signals);
    }
    if (norm.zeroWidth()) {
      signal("hidden zero-width characters", acc, signals);
    }
    if (norm.lookAlike()) {
      signal("look-alike letters from other alphabets", acc, signals);
    }
    if (norm.leetspeak()) {
      signal("leetspeak (digits for letters)", acc, signals);
    }
    if (norm.spacedLetters()) {
      signal("spaced-out letters", acc, signals);
    }
    if (comment.authorUrl() != null && !comment.authorUrl().isBlank()) {
      signal("author gave a web site", acc, signals);
      String domain = domainOf(comment.authorUrl().trim());
      if (domain != null) {
        signal("author web site " + domain, acc, signals);
      }
    }
    if (comment.authorEmail() != null && !comment.authorEmail().isBlank()) {
      int at = comment.authorEmail().lastIndexOf('@');
      if (at >= 0) {
        signal(
            "author e-mail domain "
                + comment.authorEmail().substring(at + 1).trim().toLowerCase(Locale.ROOT),
            acc,
            signals);
      }
    }
  }

  private void signal(String name, FeatureOccurrences acc, List<String> signals) {
    acc.add(signalIndex(name));
    signals.add(name);
  }

  private int signalIndex(String name) {
    int h = SIGNAL_SEED;
    for (int i = 0; i < name.length(); i++) {
      h = (h ^ name.charAt(i)) * 0x01000193;
    }
    return fmix(h) & mask;
  }

  /**
   * The next place from {@code from} on where a link may be, or -1: the link pattern is costly, and
   * a link needs {@code ://} or a dot between a letter or digit and a letter ({@code www.x}, {@code
   * shop.ru}), while the full stop that ends a sentence is followed by a space.
   */
  private static int nextLinkCandidate(String s, int from) {
    for (int i = Math.max(from, 1); i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.' && Chars.isLetterOrDigit(s.charAt(i - 1)) && Chars.isLetter(s.charAt(i + 1))) {
        return i;
      }
      if (c == ':' && s.charAt(i + 1) == '/') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether some {@code @} is part of an e-mail address. The pattern only sees the address's
   * possible extent around each {@code @}: no whitespace and no other {@code @}, a local part of at
   * most 64 characters and a domain of at most 255. On a whole 10,000-character token it took most
   * of a second.
   */
  private static boolean containsEmailAddress(String s) {
    Matcher m = null;
    int previousAt = -1;
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      int start = at;
      while (start > previousAt + 1
          && start > at - 64
          && !Chars.isWhitespace(s.charAt(start - 1))) {
        start--;
      }
      int end = at + 1;
      while (end < s.length()
          && end < at + 256
          && s.charAt(end) != '@'
          && !Chars.isWhitespace(s.charAt(end))) {
        end++;
      }
      if (m == null) {
        m = EMAIL.matcher(s);
      }
      if (m.region(start, end).find()) {
        return true;
      }
      previousAt = at;
    }
    return false;
  }

  private static int tokenStart(String s, int i) {
    while (i > 0 && !Chars.isWhitespace(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && !Chars.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * A cheap test before the money pattern: a currency sign, or a digit followed (after at most a
   * space) by the first letter of a currency word or by a slash ({@code 50 usd}, {@code 5k/month}).
   */
  private static boolean mayMentionMoney(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '$' || c == '£' || c == '€') {
        return true;
      }
      if (c >= '0' && c <= '9' && i + 1 < s.length()) {
        int next = s.charAt(i + 1) == ' ' && i + 2 < s.length() ? i + 2 : i + 1;
        if ("udegpbkUDEGPBK/".indexOf(s.charAt(next)) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Nine to fifteen digits in at most five groups: {@code +44 7700 900123}, {@code (555) 123-4567}
   * and {@code 1-800-555-0199} are phone numbers, a list {@code 1 2 3 4 5 6 7 8 9} is not.
   */
  static boolean containsPhoneNumber(String s) {
    Matcher m = PHONE.matcher(s);
    int from = 0;
    while (findFrom(m, s, from, Featurizer::mayStartPhoneNumber)) {
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
      if (digits <= 15 && groups <= 5) {
        return true;
      }
    }
    return false;
  }

  /** Like {@code MONEY.matcher(s).find()}. */
  private static boolean containsMoneyAmount(String s) {
    return findFrom(MONEY.matcher(s), s, 0, Featurizer::mayStartMoneyAmount);
  }

  private static boolean mayStartMoneyAmount(int c) {
    return (c >= '0' && c <= '9') || c == '$' || c == '£' || c == '€';
  }

  private static boolean mayStartPhoneNumber(int c) {
    return (c >= '0' && c <= '9') || c == '+';
  }

  /**
   * Like {@code m.find(from)} for a pattern whose every match starts with a character {@code
   * mayStart} accepts, and that has no lookbehind or word boundary at its start (so setting the
   * region there does not change the result): tries only the places where a match can start, while
   * the matcher's own search tries every place (a few microseconds per comment). On success the
   * matcher's {@code end()} and {@code group()} are those of the match.
   */
  private static boolean findFrom(Matcher m, String s, int from, IntPredicate mayStart) {
    int length = s.length();
    for (int i = from; i < length; i++) {
      if (mayStart.test(s.charAt(i)) && m.region(i, length).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  private static String undoDotTricks(String s) {
    if (s.indexOf('[') < 0 && s.indexOf('(') < 0) {
      return s;
    }
    return s.replace("[.]", ".").replace("(.)", ".").replace("[dot]", ".").replace("(dot)", ".");
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

  /** The host of a URL-like string, lower case and without a leading {@code www.}. */
  static String domainOf(String url) {
    String s = url.toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == ':') {
        end = i;
        break;
      }
    }
    s = s.substring(0, end);
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.indexOf('.') > 0 ? s : null;
  }

  /** MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word. */
  static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
