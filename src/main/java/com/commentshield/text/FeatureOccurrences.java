package com.commentshield.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The hashed features of one comment in the order they occur (words, then character n-grams, then
 * signals), counted into a {@link FeatureVector} once the comment is done, and the scratch arrays
 * of the character n-grams.
 *
 * <p>Counting goes through a table with one counter per dimension of the hashed space, in two
 * passes without a data-dependent branch: the first adds up every occurrence, the second keeps each
 * index at its first occurrence, with its count, and sets the counter back to 0. A hash map whose
 * every lookup branches on "seen before?" mispredicted so often that it took four times as long.
 * The vector lists the features in the order they first occurred, as it always has, so every sum
 * over it adds in the same order.
 *
 * <p>Not thread-safe. The count table takes 2 bytes per dimension (512 KiB for 2^18), too much to
 * keep one per thread in a service with hundreds of worker threads, so featurizers borrow an
 * instance from a small shared pool for each comment.
 */
final class FeatureOccurrences {

  private static final byte WORD = (byte) FeatureKind.WORD.ordinal();
  private static final byte CHARS = (byte) FeatureKind.CHARS.ordinal();
  private static final byte SIGNAL = (byte) FeatureKind.SIGNAL.ordinal();

  /** As many instances as can be in use at once when every core featurizes, with room to spare. */
  private static final AtomicReferenceArray<FeatureOccurrences> POOL =
      new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

  /** Every occurrence's index, in order. */
  private int[] occurrences = new int[4096];

  private int size;

  /** Where the word occurrences end and the character n-grams' end. */
  private int wordsEnd;

  private int charsEnd;

  /**
   * Per dimension, how often the index occurred; all zero between comments. Two bytes a counter
   * keep the table (512 KiB for 2^18 dimensions) closer to the core than four did; a comment with
   * more occurrences than a counter holds is counted in a table of its own.
   */
  private char[] countOf = new char[0];

  /**
   * Whether {@link #countOf} may hold counts: set while {@link #toVector} counts, so that an
   * instance interrupted there (say, out of memory) is not given back to the pool.
   */
  private boolean counting;

  private int[] distinctIndices = new int[4096];
  private int[] distinctCounts = new int[4096];
  private byte[] distinctKinds = new byte[4096];

  /**
   * The folded text that words and character n-grams are taken from, one character per int, so the
   * n-gram hashing vectorizes.
   */
  private int[] codes = new int[512];

  /** Per start position, the hash of the n-gram of the current length. */
  private int[] running = new int[512];

  /** Per start position, the character that extends the n-gram to the current length. */
  private int[] window = new int[512];

  /** The index of each character n-gram: per length, a row of start positions. */
  private int[][] grams = new int[0][];

  private FeatureOccurrences() {}

  /** An instance with no occurrences, to {@link #release} when done. */
  static FeatureOccurrences borrow() {
    int start = slotOfThisThread();
    for (int i = 0; i < POOL.length(); i++) {
      int slot = (start + i) % POOL.length();
      FeatureOccurrences pooled = POOL.get(slot);
      if (pooled != null && POOL.compareAndSet(slot, pooled, null)) {
        pooled.size = 0;
        pooled.wordsEnd = 0;
        pooled.charsEnd = 0;
        return pooled;
      }
    }
    return new FeatureOccurrences();
  }

  /**
   * Returns this instance to the pool, or leaves it to the garbage collector if the pool is full or
   * its count table may not be clean.
   */
  void release() {
    if (counting) {
      return;
    }
    int start = slotOfThisThread();
    for (int i = 0; i < POOL.length(); i++) {
      int slot = (start + i) % POOL.length();
      if (POOL.get(slot) == null && POOL.compareAndSet(slot, null, this)) {
        return;
      }
    }
  }

  /** Where this thread looks first, so threads do not all contend for the first slot. */
  private static int slotOfThisThread() {
    return (int) (Thread.currentThread().threadId() % POOL.length());
  }

  void add(int index) {
    if (size == occurrences.length) {
      grow(size + 1);
    }
    occurrences[size++] = index;
  }

  /** Marks the end of the word occurrences: those added next are character n-grams. */
  void endWords() {
    wordsEnd = size;
    charsEnd = size;
  }

  /** Marks the end of the character n-grams: those added next are signals. */
  void endChars() {
    charsEnd = size;
  }

  /** The occurrence array with room for {@code more} occurrences after {@link #size()}. */
  int[] reserve(int more) {
    if (size + more > occurrences.length) {
      grow(size + more);
    }
    return occurrences;
  }

  int size() {
    return size;
  }

  /** After writing occurrences into {@link #reserve}'s array, their new total. */
  void setSize(int newSize) {
    size = newSize;
  }

  private void grow(int needed) {
    int capacity = Math.max(needed, occurrences.length * 2);
    occurrences = Arrays.copyOf(occurrences, capacity);
    distinctIndices = new int[capacity];
    distinctCounts = new int[capacity];
    distinctKinds = new byte[capacity];
  }

  int[] codes(int length) {
    if (codes.length < length) {
      codes = new int[Math.max(length, codes.length * 2)];
    }
    return codes;
  }

  int[] running(int length) {
    if (running.length < length) {
      running = new int[Math.max(length, running.length * 2)];
    }
    return running;
  }

  int[] window(int length) {
    if (window.length < length) {
      window = new int[Math.max(length, window.length * 2)];
    }
    return window;
  }

  int[][] grams(int lengths, int starts) {
    if (grams.length < lengths) {
      grams = Arrays.copyOf(grams, lengths);
    }
    for (int i = 0; i < lengths; i++) {
      if (grams[i] == null || grams[i].length < starts) {
        grams[i] = new int[Math.max(starts, 512)];
      }
    }
    return grams;
  }

  /** The distinct indices, each with its count and the kind of its first occurrence. */
  FeatureVector toVector(int dimension, List<String> signals, String text) {
    int n = size;
    int words;
    int chars;
    int distinct;
    if (n <= Character.MAX_VALUE) {
      if (countOf.length < dimension) {
        countOf = new char[dimension];
      }
      char[] table = countOf;
      int[] all = occurrences;
      counting = true;
      for (int k = 0; k < n; k++) {
        table[all[k]]++;
      }
      // The first occurrences of each kind's range follow one another in the distinct arrays.
      words = firstOccurrences(table, 0, wordsEnd, 0);
      chars = firstOccurrences(table, wordsEnd, charsEnd, words);
      distinct = firstOccurrences(table, charsEnd, n, chars);
      counting = false;
    } else {
      int[] ends = countWithoutTable();
      words = ends[0];
      chars = ends[1];
      distinct = ends[2];
    }
    Arrays.fill(distinctKinds, 0, words, WORD);
    Arrays.fill(distinctKinds, words, chars, CHARS);
    Arrays.fill(distinctKinds, chars, distinct, SIGNAL);
    return new FeatureVector(
        Arrays.copyOf(distinctIndices, distinct),
        Arrays.copyOf(distinctCounts, distinct),
        Arrays.copyOf(distinctKinds, distinct),
        distinct,
        signals,
        text);
  }

  /**
   * Appends the occurrences {@code from..to} that come first for their index, from position {@code
   * at} of the distinct arrays on, and returns the new end. Every occurrence is written at the end,
   * which only moves on when the count read back is not 0, that is, at the first occurrence, which
   * also sets the count back to 0 for the later ones (and the next comment).
   */
  private int firstOccurrences(char[] table, int from, int to, int at) {
    int[] all = occurrences;
    int[] indices = distinctIndices;
    int[] counts = distinctCounts;
    for (int k = from; k < to; k++) {
      int index = all[k];
      int count = table[index];
      indices[at] = index;
      counts[at] = count;
      table[index] = 0;
      at += count != 0 ? 1 : 0;
    }
    return at;
  }

  /**
   * What {@link #toVector} counts with its table, for a comment with more occurrences than a
   * counter holds (a text of tens of thousands of characters, from an import): plainly, with a map
   * in the order of first occurrence. Returns where the words, the character n-grams and all
   * distinct indices end.
   */
  private int[] countWithoutTable() {
    Map<Integer, int[]> firstAndCount = new LinkedHashMap<>();
    for (int k = 0; k < size; k++) {
      int position = k;
      firstAndCount.computeIfAbsent(occurrences[k], index -> new int[] {position, 0})[1]++;
    }
    int at = 0;
    int words = 0;
    int chars = 0;
    for (Map.Entry<Integer, int[]> e : firstAndCount.entrySet()) {
      distinctIndices[at] = e.getKey();
      distinctCounts[at] = e.getValue()[1];
      at++;
      words = e.getValue()[0] < wordsEnd ? at : words;
      chars = e.getValue()[0] < charsEnd ? at : chars;
    }
    return new int[] {words, chars, at};
  }
}
