package com.commentshield.model;

import com.commentshield.text.FeatureKind;
import com.commentshield.text.FeatureVector;
import java.io.Serial;
import java.io.Serializable;

/**
 * How feature counts become the values a linear model multiplies with its weights. Training and
 * scoring must use the same transform, so the transform is part of the model.
 *
 * <p>For logistic regression a count becomes TF-IDF, {@code (1 + ln count) * idf} with the idf
 * learned from the training comments, and each text family (words, character n-grams) is scaled to
 * unit length so long comments do not outweigh short ones. A signal that occurred in training has
 * the fixed value {@link #SIGNAL_VALUE}. Features no training comment had get the value 0: they
 * have no weight anyway, and leaving them out of the length keeps a comment full of unseen text
 * from diluting the features the model knows.
 */
public final class ValueTransform implements Serializable {

  @Serial private static final long serialVersionUID = 2L;

  /**
   * The value of a signal under TF-IDF: about that of one distinctive word in a short comment. At
   * their idf (3 to 8) signals drowned the unit-length text families and flagged ham with a link
   * (cross-validated MCC 0.92 on the YouTube training parts against 0.95 with this value).
   */
  static final double SIGNAL_VALUE = 0.3;

  /** {@code 1 + ln(count)} for the counts a comment usually has, to spare the logarithm. */
  private static final double[] SUBLINEAR_TF = new double[64];

  static {
    for (int count = 1; count < SUBLINEAR_TF.length; count++) {
      SUBLINEAR_TF[count] = 1.0 + Math.log(count);
    }
  }

  private static final byte WORD = (byte) FeatureKind.WORD.ordinal();
  private static final byte SIGNAL = (byte) FeatureKind.SIGNAL.ordinal();

  /** How a count becomes a term frequency. */
  public enum TermFrequency {
    /** The count itself, as multinomial naive Bayes expects. */
    COUNT,
    /** Every feature that occurs counts once. */
    PRESENCE,
    /** {@code 1 + ln(count)}. */
    SUBLINEAR
  }

  private final TermFrequency termFrequency;
  private final float[] idf;

  private ValueTransform(TermFrequency termFrequency, float[] idf) {
    this.termFrequency = termFrequency;
    this.idf = idf;
  }

  /** Term frequencies alone, unscaled: counts or presence for naive Bayes. */
  public static ValueTransform of(TermFrequency termFrequency) {
    return new ValueTransform(termFrequency, null);
  }

  /**
   * Sublinear TF-IDF scaled to unit length per text family, with the smoothed idf {@code 1 + ln((1
   * + n) / (1 + df))} of scikit-learn, from {@code documentFrequency[j]} of {@code n} training
   * comments.
   */
  public static ValueTransform tfIdf(int[] documentFrequency, int n) {
    float[] idf = new float[documentFrequency.length];
    for (int j = 0; j < idf.length; j++) {
      if (documentFrequency[j] > 0) {
        idf[j] = (float) (1.0 + Math.log((1.0 + n) / (1.0 + documentFrequency[j])));
      }
    }
    return new ValueTransform(TermFrequency.SUBLINEAR, idf);
  }

  public TermFrequency termFrequency() {
    return termFrequency;
  }

  /** Writes the transformed value of each entry of {@code v} into {@code out}. */
  public void apply(FeatureVector v, double[] out) {
    int[] indices = v.indices();
    int[] counts = v.counts();
    byte[] kinds = v.kinds();
    double wordNorm = 0;
    double charNorm = 0;
    for (int i = 0; i < v.size(); i++) {
      double value = value(kinds[i], counts[i], idf == null ? 1 : idf[indices[i]]);
      out[i] = value;
      if (kinds[i] == WORD) {
        wordNorm += value * value;
      } else if (kinds[i] != SIGNAL) {
        charNorm += value * value;
      }
    }
    if (idf == null) {
      return;
    }
    double wordScale = wordNorm == 0 ? 0 : 1 / Math.sqrt(wordNorm);
    double charScale = charNorm == 0 ? 0 : 1 / Math.sqrt(charNorm);
    for (int i = 0; i < v.size(); i++) {
      if (kinds[i] != SIGNAL) {
        out[i] *= kinds[i] == WORD ? wordScale : charScale;
      }
    }
  }

  /**
   * Lays out {@code weights} for {@link #dot}: the scale (idf) and the weight of feature {@code j}
   * side by side at {@code 2j} and {@code 2j + 1}, so scoring a feature reads one cache line.
   * Without idf every scale is 1 and the table is the weights themselves, half the size to keep in
   * the caches.
   */
  float[] scoringTable(float[] weights) {
    if (idf == null) {
      return weights;
    }
    float[] table = new float[2 * weights.length];
    for (int j = 0; j < weights.length; j++) {
      table[2 * j] = idf == null ? 1f : idf[j];
      table[2 * j + 1] = weights[j];
    }
    return table;
  }

  /**
   * The dot product of the transformed {@code v} with the weights of a {@link #scoringTable},
   * without allocating: the hot path of scoring.
   */
  double dot(FeatureVector v, float[] table) {
    return dot(v, table, null);
  }

  /**
   * {@link #dot}, and, unless {@code shares} is null, each entry's share of it written into {@code
   * shares}: the value times the weight, scaled by the length of its text family as in the sum. The
   * shares cost no second pass over the weights, which are read at random and dominate.
   */
  double dot(FeatureVector v, float[] table, double[] shares) {
    int[] indices = v.indices();
    int[] counts = v.counts();
    byte[] kinds = v.kinds();
    boolean scaled = idf != null;
    // counts or presence without idf; with idf the sublinear term frequency tf-idf always has
    boolean presence = termFrequency == TermFrequency.PRESENCE;
    double words = 0;
    double chars = 0;
    double signals = 0;
    double wordNorm = 0;
    double charNorm = 0;
    for (int i = 0; i < v.size(); i++) {
      byte kind = kinds[i];
      double value;
      double weight;
      if (scaled) {
        // idf and weight side by side: one cache line per feature. value(kind, count, scale)
        // without the general version's tests, which took a fifth of the time of this loop
        int at = 2 * indices[i];
        float scale = table[at];
        value = kind == SIGNAL ? (scale == 0 ? 0 : SIGNAL_VALUE) : sublinear(counts[i]) * scale;
        weight = table[at + 1];
      } else {
        value = presence ? 1.0 : counts[i];
        weight = table[indices[i]];
      }
      double weighted = value * weight;
      if (shares != null) {
        shares[i] = weighted;
      }
      if (kind == WORD) {
        words += weighted;
        wordNorm += value * value;
      } else if (kind == SIGNAL) {
        signals += weighted;
      } else {
        chars += weighted;
        charNorm += value * value;
      }
    }
    if (!scaled) {
      return words + chars + signals;
    }
    double wordScale = wordNorm == 0 ? 0 : 1 / Math.sqrt(wordNorm);
    double charScale = charNorm == 0 ? 0 : 1 / Math.sqrt(charNorm);
    if (shares != null) {
      for (int i = 0; i < v.size(); i++) {
        byte kind = kinds[i];
        if (kind != SIGNAL) {
          shares[i] *= kind == WORD ? wordScale : charScale;
        }
      }
    }
    words = wordNorm == 0 ? 0 : words / Math.sqrt(wordNorm);
    chars = charNorm == 0 ? 0 : chars / Math.sqrt(charNorm);
    return words + chars + signals;
  }

  private static double sublinear(int count) {
    return count < SUBLINEAR_TF.length ? SUBLINEAR_TF[count] : 1.0 + Math.log(count);
  }

  private double value(byte kind, int count, float scale) {
    if (idf != null && kind == SIGNAL) {
      return scale == 0 ? 0 : SIGNAL_VALUE;
    }
    double tf =
        switch (termFrequency) {
          case COUNT -> count;
          case PRESENCE -> 1.0;
          case SUBLINEAR -> sublinear(count);
        };
    return tf * scale;
  }
}
