package com.commentshield.text;

import java.util.Arrays;

/**
 * What a comment is remembered by: a hash of its normalised text for exact copies and, for texts
 * long enough, a MinHash signature of its four-character shingles for near-copies (a few words or a
 * link's path changed).
 *
 * <p>The signature is one-permutation MinHash: every shingle is hashed once and falls into one of
 * {@value #SLOTS} slots by its hash's top bits, each slot keeping its smallest hash; empty slots
 * borrow the next filled one. The share of equal slots of two signatures estimates the Jaccard
 * similarity of their shingle sets. For look-up the slots are cut into {@value #BANDS} bands of
 * {@value #ROWS}: two texts that share one band are candidates (at similarity 0.45 a pair shares a
 * band with probability 0.98, at 0.2 with 0.29) and are then compared slot by slot.
 *
 * @param exact hash of the normalised text, whitespace collapsed
 * @param slots the MinHash signature, or null for a text too short for near-copies
 */
public record TextFingerprint(long exact, int[] slots) {

  public static final int SLOTS = 128;
  public static final int ROWS = 3;
  public static final int BANDS = 42;
  private static final int SHINGLE = 4;

  /** The fingerprint of a comment; near-copy slots only when its text has {@code minLength}. */
  public static TextFingerprint of(String content, int minLength) {
    String text = canonical(content);
    long exact = mix(text.hashCode() * 0x9E3779B97F4A7C15L + text.length());
    exact ^= mix(hash64(text));
    return new TextFingerprint(exact, text.length() >= minLength ? signature(text) : null);
  }

  /** The text compared: normalised, lower case, whitespace collapsed. */
  public static String canonical(String content) {
    String normalized = TextNormalizer.normalize(content == null ? "" : content).text();
    StringBuilder out = new StringBuilder(normalized.length());
    boolean space = true;
    for (int i = 0; i < normalized.length(); i++) {
      char c = normalized.charAt(i);
      if (Character.isWhitespace(c)) {
        if (!space) {
          out.append(' ');
          space = true;
        }
      } else {
        out.append(c);
        space = false;
      }
    }
    int end = out.length();
    if (end > 0 && out.charAt(end - 1) == ' ') {
      out.setLength(end - 1);
    }
    return out.toString();
  }

  public boolean nearCopyComparable() {
    return slots != null;
  }

  /** The estimated Jaccard similarity of two signatures' shingle sets. */
  public double similarity(TextFingerprint other) {
    if (slots == null || other.slots == null) {
      return exact == other.exact ? 1 : 0;
    }
    int same = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (slots[i] == other.slots[i]) {
        same++;
      }
    }
    return same / (double) SLOTS;
  }

  /** The look-up key of band {@code band}: its rows' values and the band's number. */
  public long bandKey(int band) {
    long h = band * 0x9E3779B97F4A7C15L;
    for (int r = 0; r < ROWS; r++) {
      h = mix(h ^ (slots[band * ROWS + r] & 0xFFFFFFFFL));
    }
    return h;
  }

  private static int[] signature(String text) {
    int[] slots = new int[SLOTS];
    Arrays.fill(slots, Integer.MAX_VALUE);
    boolean[] filled = new boolean[SLOTS];
    for (int i = 0; i + SHINGLE <= text.length(); i++) {
      long packed =
          ((long) text.charAt(i) << 48)
              | ((long) text.charAt(i + 1) << 32)
              | ((long) text.charAt(i + 2) << 16)
              | text.charAt(i + 3);
      long h = mix(packed);
      int slot = (int) (h >>> 57);
      int value = (int) (h & 0x7FFFFFFF);
      if (value < slots[slot]) {
        slots[slot] = value;
      }
      filled[slot] = true;
    }
    // Densification: an empty slot takes the value of the next filled one (cyclically), offset by
    // the distance, so that two similar texts with the same empty slots still agree there.
    for (int i = 0; i < SLOTS; i++) {
      if (!filled[i]) {
        for (int d = 1; d < SLOTS; d++) {
          int j = (i + d) % SLOTS;
          if (filled[j]) {
            slots[i] = (int) mix(slots[j] + d * 0x632BE59BD9B4E019L);
            break;
          }
        }
      }
    }
    return slots;
  }

  private static long hash64(String text) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: every input bit moves every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextFingerprint f && f.exact == exact && Arrays.equals(f.slots, slots);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(exact);
  }

  @Override
  public String toString() {
    return "TextFingerprint[" + Long.toHexString(exact) + "]";
  }
}
