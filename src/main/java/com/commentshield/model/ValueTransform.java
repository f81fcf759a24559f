package com.commentshield.model;

import com.commentshield.text.FeatureKind;
import com.commentshield.text.FeatureVector;
import java.io.Serial;
import java.io.Serializable;

/**
 * How feature counts become the values a linear model multiplies with its weights. Training and
 * scoring must use the same transform, so the transform is part of the model.
 *
 * <p>For logistic regression a count becomes TF-IDF: {@code (1 + ln count) * idf}, with idf
 * learned from the training comments, and each text family (words, character n-grams) is scaled
 * to unit length so long comments do not outweigh short ones. Signals keep {@code idf} as their
 * value. Features no training comment had get idf 0: they carry no weight, and leaving them out
 * of the length keeps a comment full of unseen text from diluting the features the model knows.
 */
public final class ValueTransform implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  private static final int SIGNAL = FeatureKind.SIGNAL.ordinal();

  /** How a count becomes a term frequency. */
  public enum TermFrequency {
    /** The count itself, as multinomial naive Bayes expects. */
    COUNT,
    /** Every feature that occurs counts once. */
    PRESENCE,
    /** {@code 1 + ln(count)}. */
    SUBLINEAR
  }

  static final double SIGNAL_SCALE = Double.parseDouble(System.getProperty("sigscale", "-1")); // RESEARCH
  static final boolean NO_IDF = Boolean.getBoolean("noidf"); // RESEARCH
  private final TermFrequency termFrequency;
  private final float[] idf;
  private final boolean unitLengthPerKind;

  private ValueTransform(TermFrequency termFrequency, float[] idf, boolean unitLengthPerKind) {
    this.termFrequency = termFrequency;
    this.idf = idf;
    this.unitLengthPerKind = unitLengthPerKind;
  }

  /** Term frequencies alone: counts or presence for naive Bayes. */
  public static ValueTransform of(TermFrequency termFrequency) {
    return new ValueTransform(termFrequency, null, false);
  }

  /**
   * Sublinear TF-IDF scaled to unit length per text family, with the smoothed idf {@code
   * 1 + ln((1 + n) / (1 + df))} of scikit-learn, from {@code documentFrequency[j]} of {@code n}
   * training comments.
   */
  public static ValueTransform tfIdf(int[] documentFrequency, int n) {
    float[] idf = new float[documentFrequency.length];
    for (int j = 0; j < idf.length; j++) {
      if (documentFrequency[j] > 0) {
        idf[j] = NO_IDF ? 1f : (float) (1.0 + Math.log((1.0 + n) / (1.0 + documentFrequency[j])));
      }
    }
    return new ValueTransform(TermFrequency.SUBLINEAR, idf, true);
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
      double value = value(indices[i], counts[i]);
      if (kinds[i] == SIGNAL && SIGNAL_SCALE >= 0 && idf != null) value = idf[indices[i]] == 0 ? 0 : SIGNAL_SCALE;
      out[i] = value;
      if (kinds[i] == 0) {
        wordNorm += value * value;
      } else if (kinds[i] != SIGNAL) {
        charNorm += value * value;
      }
    }
    if (!unitLengthPerKind) {
      return;
    }
    double wordScale = wordNorm == 0 ? 0 : 1 / Math.sqrt(wordNorm);
    double charScale = charNorm == 0 ? 0 : 1 / Math.sqrt(charNorm);
    for (int i = 0; i < v.size(); i++) {
      if (kinds[i] != SIGNAL) {
        out[i] *= kinds[i] == 0 ? wordScale : charScale;
      }
    }
  }

  /**
   * The dot product of the transformed {@code v} with {@code weights}, without allocating: the
   * hot path of scoring.
   */
  double dot(FeatureVector v, float[] weights) {
    int[] indices = v.indices();
    int[] counts = v.counts();
    byte[] kinds = v.kinds();
    double words = 0;
    double chars = 0;
    double signals = 0;
    double wordNorm = 0;
    double charNorm = 0;
    for (int i = 0; i < v.size(); i++) {
      int j = indices[i];
      double value = value(j, counts[i]);
      if (kinds[i] == SIGNAL && SIGNAL_SCALE >= 0 && idf != null) value = idf[j] == 0 ? 0 : SIGNAL_SCALE;
      double weighted = value * weights[j];
      if (kinds[i] == 0) {
        words += weighted;
        wordNorm += value * value;
      } else if (kinds[i] == SIGNAL) {
        signals += weighted;
      } else {
        chars += weighted;
        charNorm += value * value;
      }
    }
    if (unitLengthPerKind) {
      words = wordNorm == 0 ? 0 : words / Math.sqrt(wordNorm);
      chars = charNorm == 0 ? 0 : chars / Math.sqrt(charNorm);
    }
    return words + chars + signals;
  }

  private double value(int index, int count) {
    double tf =
        switch (termFrequency) {
          case COUNT -> count;
          case PRESENCE -> 1.0;
          case SUBLINEAR -> count == 1 ? 1.0 : 1.0 + Math.log(count);
        };
    if (idf == null) return tf;
    return tf * idf[index];
  }
}
