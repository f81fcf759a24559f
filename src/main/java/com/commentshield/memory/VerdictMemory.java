package com.commentshield.memory;

import com.commentshield.text.TextFingerprint;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judged comments by fingerprint: the newest verdict on each text, and LSH buckets of their MinHash
 * bands for near-copies. Written under the owner's lock, read without one.
 */
final class VerdictMemory {

  /** A judged comment a new one copies, and how closely. */
  record Match(Remembered judged, double similarity) {
    boolean exact() {
      return similarity >= 1;
    }
  }

  private final double nearCopySimilarity;
  private final ConcurrentHashMap<Long, Remembered> byText = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Remembered[]> byBand = new ConcurrentHashMap<>();

  VerdictMemory(double nearCopySimilarity) {
    this.nearCopySimilarity = nearCopySimilarity;
  }

  /** Remembers a verdict; a later verdict (a higher example id) on the same text replaces it. */
  void add(Remembered r) {
    TextFingerprint fp = r.fingerprint();
    Remembered earlier = byText.get(fp.exact());
    if (earlier != null && earlier.id() > r.id()) {
      return;
    }
    if (earlier != null) {
      remove(earlier);
    }
    byText.put(fp.exact(), r);
    if (fp.nearCopyComparable()) {
      for (int band = 0; band < TextFingerprint.BANDS; band++) {
        byBand.merge(
            fp.bandKey(band),
            new Remembered[] {r},
            (old, added) -> {
              Remembered[] grown = Arrays.copyOf(old, old.length + 1);
              grown[old.length] = r;
              return grown;
            });
      }
    }
  }

  void remove(Remembered r) {
    TextFingerprint fp = r.fingerprint();
    byText.remove(fp.exact(), r);
    if (fp.nearCopyComparable()) {
      for (int band = 0; band < TextFingerprint.BANDS; band++) {
        byBand.computeIfPresent(
            fp.bandKey(band),
            (key, old) -> {
              Remembered[] kept = Arrays.stream(old).filter(e -> e != r).toArray(Remembered[]::new);
              return kept.length == 0 ? null : kept;
            });
      }
    }
  }

  /** The same text judged, else the most similar judged near-copy (the newest on a tie). */
  Optional<Match> match(TextFingerprint fp) {
    Remembered same = byText.get(fp.exact());
    if (same != null) {
      return Optional.of(new Match(same, 1));
    }
    if (!fp.nearCopyComparable() || byBand.isEmpty()) {
      return Optional.empty();
    }
    Remembered best = null;
    double bestSimilarity = 0;
    for (int band = 0; band < TextFingerprint.BANDS; band++) {
      Remembered[] candidates = byBand.get(fp.bandKey(band));
      if (candidates == null) {
        continue;
      }
      for (Remembered c : candidates) {
        if (c == best) {
          continue;
        }
        double s = fp.similarity(c.fingerprint());
        if (s >= nearCopySimilarity
            && (s > bestSimilarity || (s == bestSimilarity && c.id() > best.id()))) {
          best = c;
          bestSimilarity = s;
        }
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Match(best, bestSimilarity));
  }

  int size() {
    return byText.size();
  }
}
