package com.commentshield.text;

import java.text.Normalizer;

/**
 * Turns raw comment text into the canonical form the features are computed from, and notes the
 * obfuscation tricks it had to undo (those are strong spam signals on their own).
 *
 * <p>Steps: HTML character references decoded ({@code &#39;}, {@code &amp;}) and {@code <br>} made
 * a space, Unicode NFKC (full-width letters, ligatures), removal of zero-width and other format
 * characters (U+200B..U+200D, U+2060, U+FEFF, soft hyphen, bidi controls), accents stripped,
 * look-alike Cyrillic/Greek letters folded to Latin inside words that also hold Latin letters,
 * leetspeak digits and symbols folded inside words, spaced-out letters joined ({@code c i a l i
 * s}), runs of three or more identical letters shortened to two, lower case.
 *
 * <p>Plain Java, no framework; thread-safe (no state).
 */
public final class TextNormalizer {

  /**
   * What the normalizer made and undid; each flag becomes a signal feature.
   *
   * @param text the canonical text the word and character features are computed from
   * @param cleaned the text after decoding, NFKC and removal of invisible characters and accents,
   *     before any folding and in its original case: where links, phone numbers and amounts are
   *     looked for
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

  /** Bits of what {@link #foldWords} folded. */
  private static final int LOOK_ALIKE = 1;

  private static final int LEET = 2;

  /** The longest HTML character reference decoded, {@code &#x10FFFF;} and {@code &nbsp;} fit. */
  private static final int LONGEST_REFERENCE = 10;

  /**
   * The last text this thread normalised and its result: classifying a comment normalises the same
   * string twice (the site's memory fingerprints it, the featurizer reads it), and strings do not
   * change, so the second time is a look-up by identity.
   */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

  private TextNormalizer() {}

  public static Result normalize(String raw) {
    Object[] last = LAST.get();
    if (raw != null && last[0] == raw) {
      return (Result) last[1];
    }
    Result result = compute(raw);
    last[0] = raw;
    last[1] = result;
    return result;
  }

  private static Result compute(String raw) {
    String text = decodeHtml(raw);
    // Every step below replaces characters one for one or drops some, so they all work in place
    // on one array and the only new string is the result.
    char[] chars = text.toCharArray();
    boolean zeroWidth = false;
    boolean visibleNonAscii = false;
    // Capitals and letters are counted on the way, which is right when the text is plain ASCII
    // (nearly always) and is redone below when it is not.
    int letters = 0;
    int upper = 0;
    // Invisible characters count as hidden only between visible ones: YouTube, for one, appends a
    // U+FEFF to every comment, and a byte-order mark may lead one; neither hides anything.
    boolean invisibleSinceVisible = false;
    boolean seenVisible = false;
    boolean anyInvisible = false;
    for (char c : chars) {
      if (c < 0x80) {
        int kind = Chars.ASCII[c];
        letters += kind & Chars.LETTER;
        upper += (kind & Chars.UPPER) >> 1;
        if (c > ' ') {
          zeroWidth |= invisibleSinceVisible;
          seenVisible = true;
          invisibleSinceVisible = false;
        }
      } else if (isInvisible(c)) {
        anyInvisible = true;
        invisibleSinceVisible = seenVisible;
      } else {
        visibleNonAscii = true;
        zeroWidth |= invisibleSinceVisible;
        seenVisible = true;
        invisibleSinceVisible = false;
      }
    }
    if (visibleNonAscii || anyInvisible) {
      if (visibleNonAscii) {
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        text = stripInvisibleAndAccents(text);
      } else {
        // ASCII plus invisible characters (the common trailing U+FEFF): NFKC would change nothing
        text = stripInvisible(text);
      }
      chars = text.toCharArray();
      letters = 0;
      upper = 0;
      for (char c : chars) {
        if (Chars.isLetter(c)) {
          letters++;
          if (c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c)) {
            upper++;
          }
        }
      }
    }
    int folds = foldWords(chars);
    int length = joinSpacedLetters(chars, chars.length);
    boolean spaced = length < chars.length;
    long runAndLength = shortenRunsAndLowerCase(chars, length);
    int longestRun = (int) (runAndLength >>> 32);
    length = (int) runAndLength;
    return new Result(
        new String(chars, 0, length),
        text,
        zeroWidth,
        (folds & LOOK_ALIKE) != 0,
        (folds & LEET) != 0,
        spaced,
        longestRun,
        upper,
        letters);
  }

  /**
   * Decodes the HTML character references comment systems leave in text ({@code &amp;}, {@code
   * &#39;}, {@code &#x2F;}, {@code &nbsp;} ...) and turns {@code <br>} into a space, so that {@code
   * you&#39;re} and {@code you're} are the same word.
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
        int semicolon = indexOf(text, ';', i + 2, i + LONGEST_REFERENCE);
        if (semicolon > 0) {
          int decoded = entity(text, i + 1, semicolon);
          if (decoded >= 0) {
            out.appendCodePoint(decoded);
            i = semicolon + 1;
            continue;
          }
        }
      } else if (c == '<') {
        int close = indexOf(text, '>', i + 1, i + 6);
        if (close > 0 && isLineBreakTag(text, i + 1, close)) {
          out.append(' ');
          i = close + 1;
          continue;
        }
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

  /** {@code br}, {@code br/} or {@code br /} between {@code from} and {@code to}. */
  private static boolean isLineBreakTag(String text, int from, int to) {
    String inside = text.substring(from, to).replace("/", "").trim();
    return inside.equalsIgnoreCase("br");
  }

  /** The first {@code c} in {@code text[from..to]}, or -1: a bounded search keeps this linear. */
  private static int indexOf(String text, char c, int from, int to) {
    for (int i = from; i <= to && i < text.length(); i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
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

  private static String stripInvisible(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isInvisible(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String stripInvisibleAndAccents(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean decomposeNeeded = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && (isInvisible(c) || Character.getType(c) == Character.FORMAT)) {
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

  /**
   * Folds look-alike letters and leetspeak inside each word (run of non-space characters) and turns
   * every kind of whitespace into a plain space; returns which folds happened.
   */
  private static int foldWords(char[] s) {
    int folds = 0;
    int n = s.length;
    // Only the words that hold a character that may need folding (and whitespace other than the
    // space) need a look; the scan for them is a tight loop that rarely stops.
    for (int i = nextToFold(s, 0); i < n; i = nextToFold(s, i)) {
      if (Chars.isWhitespace(s[i])) {
        s[i++] = ' ';
        continue;
      }
      // the word around i
      int start = i;
      while (start > 0 && !Chars.isWhitespace(s[start - 1])) {
        start--;
      }
      int end = i + 1;
      while (end < n && !Chars.isWhitespace(s[end])) {
        end++;
      }
      boolean hasLatin = false;
      boolean hasLookAlike = false;
      boolean mayBeLeet = false;
      int letters = 0;
      for (int k = start; k < end; k++) {
        char c = s[k];
        if (c < 0x80) {
          int kind = Chars.ASCII[c];
          hasLatin |= (kind & Chars.LETTER) != 0;
          letters += kind & Chars.LETTER;
          mayBeLeet |= (kind & Chars.LEET_CANDIDATE) != 0;
        } else if (c >= 0x370 && LOOK_ALIKE_FROM.indexOf(c) >= 0) {
          hasLookAlike = true;
          letters++;
        } else if (Chars.isLetter(c)) {
          letters++;
        }
      }
      // A word without look-alikes or leet characters has nothing to fold.
      if (hasLookAlike || mayBeLeet) {
        folds |= foldWord(s, start, end, hasLatin, hasLookAlike, letters);
      }
      i = end;
    }
    return folds;
  }

  /**
   * The first place from {@code from} on that holds a character that is not ASCII, may be leet or
   * is whitespace other than the space; {@code s.length} if none.
   */
  private static int nextToFold(char[] s, int from) {
    for (int i = from; i < s.length; i++) {
      char c = s[i];
      if (c >= 0x80 || (Chars.ASCII[c] & (Chars.LEET_CANDIDATE | Chars.OTHER_WHITESPACE)) != 0) {
        return i;
      }
    }
    return s.length;
  }

  /**
   * Folds one word, {@code s[start..end)}, which holds Latin letters, look-alike letters and
   * letters in all as told.
   */
  private static int foldWord(
      char[] s, int start, int end, boolean hasLatin, boolean hasLookAlike, int letters) {
    if (isUrlLike(s, start, end) || isEmailLike(s, start, end)) {
      return 0;
    }
    int folds = 0;
    if (hasLookAlike && hasLatin) {
      for (int i = start; i < end; i++) {
        int k = s[i] >= 0x370 ? LOOK_ALIKE_FROM.indexOf(s[i]) : -1;
        if (k >= 0) {
          s[i] = LOOK_ALIKE_TO.charAt(k);
          folds |= LOOK_ALIKE;
        }
      }
    }
    if (letters >= 2 && foldLeet(s, start, end)) {
      folds |= LEET;
    }
    return folds;
  }

  private static boolean isUrlLike(char[] s, int start, int end) {
    for (int i = start; i + 3 < end; i++) {
      char c = s[i];
      if ((c == ':' && s[i + 1] == '/' && s[i + 2] == '/')
          || ((c == 'w' || c == 'W')
              && (s[i + 1] == 'w' || s[i + 1] == 'W')
              && (s[i + 2] == 'w' || s[i + 2] == 'W')
              && s[i + 3] == '.')) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code name@host.tld}: the {@code @} of an address is not a leet {@code a}, and the digits of
   * its name are not letters.
   */
  private static boolean isEmailLike(char[] s, int start, int end) {
    for (int at = start + 1; at < end; at++) {
      if (s[at] == '@') {
        for (int dot = at + 2; dot + 1 < end; dot++) {
          if (s[dot] == '.' && Chars.isLetter(s[dot + 1])) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }

  /**
   * Replaces runs of leet characters that stand where letters belong: between two letters ({@code
   * m0ney}, {@code v1@gra}, {@code pa$$word}), or a doubled digit that ends a word after two or
   * more other characters ({@code fr33}). Leading digits stay ({@code 4th}, {@code 3rd}), so do
   * version-like endings ({@code mp3}, {@code win10}) and punctuation that ends a word ({@code
   * great!}). Returns whether anything was replaced.
   */
  private static boolean foldLeet(char[] s, int from, int end) {
    boolean folded = false;
    int i = from + 1;
    while (i < end) {
      if (Chars.leetLetter(s[i]) == 0 || !Chars.isLetter(s[i - 1])) {
        i++;
        continue;
      }
      int runEnd = i;
      boolean sameDigit = Character.isDigit(s[i]);
      while (runEnd < end && Chars.leetLetter(s[runEnd]) != 0) {
        sameDigit &= s[runEnd] == s[i];
        runEnd++;
      }
      boolean betweenLetters = runEnd < end && Chars.isLetter(s[runEnd]);
      boolean wordEnds = runEnd == end || !Chars.isLetterOrDigit(s[runEnd]);
      boolean doubledEnding = wordEnds && sameDigit && runEnd - i >= 2 && i - from >= 2;
      if (betweenLetters || doubledEnding) {
        for (int k = i; k < runEnd; k++) {
          s[k] = Chars.leetLetter(s[k]);
        }
        folded = true;
      }
      i = runEnd;
    }
    return folded;
  }

  /**
   * Joins three or more single letters separated by one or two separator characters (space, dot,
   * dash, underscore, star, pipe), {@code c i a l i s} and {@code v.i.a.g.r.a}, in place; returns
   * the new length (shorter exactly when something was joined).
   */
  static int joinSpacedLetters(char[] s, int n) {
    int write = 0;
    int i = 0;
    while (i < n) {
      if (!isSingleLetterAt(s, n, i)) {
        // nothing to join before the next single letter: move that stretch at once
        int next = i + 1;
        while (next < n && !isSingleLetterAt(s, n, next)) {
          next++;
        }
        if (write != i) {
          System.arraycopy(s, i, s, write, next - i);
        }
        write += next - i;
        i = next;
        continue;
      }
      int count = 1;
      int last = i;
      int j = i + 1;
      while (true) {
        int k = j;
        int separators = 0;
        while (k < n && isSeparator(s[k]) && separators < 2) {
          k++;
          separators++;
        }
        if (separators == 0 || k >= n || !isSingleLetterAt(s, n, k)) {
          break;
        }
        count++;
        last = k;
        j = k + 1;
      }
      if (count >= 3) {
        for (int k = i; k <= last; k++) {
          if (Chars.isLetterOrDigit(s[k])) {
            s[write++] = s[k];
          }
        }
        i = last + 1;
      } else {
        while (i < j) {
          s[write++] = s[i++];
        }
      }
    }
    return write;
  }

  private static boolean isSingleLetterAt(char[] s, int n, int i) {
    boolean leftBoundary = i == 0 || isSeparator(s[i - 1]);
    boolean rightBoundary = i + 1 >= n || isSeparator(s[i + 1]);
    // all three tested, no short cut: a branch per test mispredicted at every word boundary
    return leftBoundary & rightBoundary & Chars.isLetter(s[i]);
  }

  /** Space, dot, dash, underscore, star or pipe. */
  private static boolean isSeparator(char c) {
    return c < 0x80 && (Chars.ASCII[c] & Chars.SEPARATOR) != 0;
  }

  /**
   * Lower-cases in place and shortens runs of three or more identical letters to two; returns the
   * longest run of one repeated character other than space (case ignored, before shortening) in the
   * high half and the new length in the low half.
   */
  private static long shortenRunsAndLowerCase(char[] s, int n) {
    int longest = 0;
    int write = 0;
    char previous = 0;
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = Chars.toLowerCase(s[i]);
      run = c == previous ? run + 1 : 1;
      previous = c;
      if (run > longest && c != ' ') {
        longest = run;
      }
      if (run < 3 || !Chars.isLetter(c)) {
        s[write++] = c;
      }
    }
    return (long) longest << 32 | write;
  }
}
