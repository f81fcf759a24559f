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

  /** Short domains that sites use for their own pages: a link there is a link to the site. */
  private static final Map<String, String> SITE_ALIASES =
      Map.of(
          "youtu.be", "youtube.com",
          "redd.it", "reddit.com",
          "amzn.to", "amazon.com",
          "fb.me", "facebook.com",
          "wp.me", "wordpress.com",
          "flic.kr", "flickr.com");

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
      chars(codes, length, acc, null, false);
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
    return describe(features, wanted, includeChars, false);
  }

  /**
   * Names the features of a featurized comment for people: words, phrases and signals by what they
   * are, and each character n-gram by the word it came from (its first occurrence's), since a
   * fragment such as {@code rst} tells a reader nothing. Character n-grams keep {@link
   * FeatureKind#CHARS} so callers can tell them apart.
   */
  public Map<Integer, Feature> describeForPeople(FeatureVector features, IntPredicate wanted) {
    return describe(features, wanted, true, true);
  }

  private Map<Integer, Feature> describe(
      FeatureVector features, IntPredicate wanted, boolean includeChars, boolean charsByWord) {
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
        chars(codes, length, acc, namer, charsByWord);
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
  private void chars(int[] codes, int len, FeatureOccurrences acc, Namer namer, boolean byWord) {
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
            namer.name(
                index,
                FeatureKind.CHARS,
                byWord ? wordAround(codes, len, from) : new String(codes, from, n));
          }
        }
      }
    }
  }

  /** The word of the folded text at {@code at}, or the next one when {@code at} is a space. */
  private static String wordAround(int[] codes, int len, int at) {
    int start = at;
    if (codes[start] == ' ') {
      start++;
    }
    while (start > 0 && codes[start - 1] != ' ') {
      start--;
    }
    int end = start;
    while (end < len && codes[end] != ' ') {
      end++;
    }
    return new String(codes, start, end - start);
  }

  private void structuralSignals(
      Comment comment, TextNormalizer.Result norm, FeatureOccurrences acc, List<String> signals) {
    String content = norm.cleaned();
    String deobfuscated = LinkDisguises.undo(content);
    String ownSite = registrableDomainOf(comment.permalink());
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
        if (isSentenceRunOn(m.group())) {
          continue;
        }
        // a link to the page's own site is part of the conversation, not a link away from it
        if (!linkSignals(m.group(), ownSite, acc, signals)) {
          links++;
        }
      }
      candidate = nextLinkCandidate(deobfuscated, end + 1);
    }
    if (links == 1) {
      signal("one link", acc, signals);
    } else if (links == 2) {
      signal("two links", acc, signals);
    } else if (links > 2) {
      signal("three or more links", acc, signals);
    }
    if (links > 0 && !deobfuscated.equals(content)) {
      signal("disguised link (spaced or spelled-out dots)", acc, signals);
    }
    if (containsEmailAddress(deobfuscated)) {
      signal("e-mail address in text", acc, signals);
    }
    Numbers.signals(content, name -> signal(name, acc, signals));
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
      String domain = registrableDomainOf(comment.authorUrl().trim());
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

  /**
   * What one link is: its site (the registrable domain, so {@code blog.example.co.uk} and {@code
   * example.co.uk} are one site), its top-level domain, the shape of its path, whether it is a
   * shortener, written without a scheme, or on the same site as the page commented on.
   *
   * @return whether the link is on the site of the page commented on
   */
  private boolean linkSignals(
      String link, String ownSite, FeatureOccurrences acc, List<String> signals) {
    String host = domainOf(link);
    if (host == null) {
      return false;
    }
    String site = registrableDomain(host);
    if (ownSite != null && ownSite.equals(SITE_ALIASES.getOrDefault(site, site))) {
      signal("link to the site of the page itself", acc, signals);
      return true;
    }
    signal("link domain " + site, acc, signals);
    int dot = host.lastIndexOf('.');
    if (dot > 0) {
      signal("link top-level domain " + host.substring(dot), acc, signals);
    }
    if (SHORTENERS.contains(host)) {
      signal("link shortener", acc, signals);
    }
    String lower = link.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http") && !lower.startsWith("hxxp")) {
      signal("link written without http://", acc, signals);
    }
    signal(pathShape(lower), acc, signals);
    return false;
  }

  /**
   * Top-level domains that are also short words: {@code message.it}, {@code home.in} or {@code
   * there.so} without a scheme, {@code www.} or a path is two sentences run together (as in
   * messages typed without a space after the full stop), not an address.
   */
  private static final Set<String> WORD_LIKE_TLDS =
      Set.of(
          "it", "in", "me", "us", "co", "at", "is", "be", "to", "so", "no", "my", "am", "do", "go",
          "id", "ok", "as", "by", "of", "on", "or", "an");

  private static boolean isSentenceRunOn(String link) {
    String lower = link.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http")
        || lower.startsWith("hxxp")
        || lower.startsWith("www.")
        || lower.indexOf('/') >= 0) {
      return false;
    }
    int dot = lower.lastIndexOf('.');
    return dot >= 0 && WORD_LIKE_TLDS.contains(lower.substring(dot + 1));
  }

  /** The shape of a link's path: none, one or two segments, deeper, or with query parameters. */
  static String pathShape(String link) {
    int scheme = link.indexOf("://");
    int slash = link.indexOf('/', scheme >= 0 ? scheme + 3 : 0);
    int query = link.indexOf('?');
    if (query >= 0) {
      return "link with query parameters";
    }
    if (slash < 0) {
      return "link to a front page";
    }
    String path = link.substring(slash + 1);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty()) {
      return "link to a front page";
    }
    int segments = 1;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        segments++;
      }
    }
    return segments <= 2 ? "link to a page" : "link deep into a site";
  }

  /** The registrable domain of a URL's host, or null when it has none. */
  static String registrableDomainOf(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String host = domainOf(url.trim());
    return host == null ? null : registrableDomain(host);
  }

  /** The registrable domain of a host by the public-suffix list, or the host itself. */
  static String registrableDomain(String host) {
    return Domains.registrable(host).orElse(host);
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
