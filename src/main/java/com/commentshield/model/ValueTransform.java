package com.commentshield.model;

import com.commentshield.text.FeatureKind;
import com.commentshield.text.FeatureVector;

/**
 * How feature counts become the values a linear model multiplies with its weights. Training and
 * scoring must use the same transform, so the transform is part of the model.
 */
public enum ValueTransform {
  /** Raw counts, as multinomial naive Bayes expects. */
  COUNTS,
  /** Every feature that occurs counts once. */
  PRESENCE,
  /**
   * 1 + ln(count), then each text family (words, character n-grams) scaled to unit length so
   * long comments do not outweigh short ones; signals keep the value 1.
   */
  LOG_UNIT_PER_KIND;

  /** Writes the transformed value of each entry of {@code v} into {@code out}. */
  public void apply(FeatureVector v, double[] out) {
    switch (this) {
      case COUNTS -> {
        for (int i = 0; i < v.size(); i++) {
          out[i] = v.counts()[i];
        }
      }
      case PRESENCE -> {
        for (int i = 0; i < v.size(); i++) {
          out[i] = 1.0;
        }
      }
      case LOG_UNIT_PER_KIND -> {
        double[] norms = new double[FeatureKind.values().length];
        for (int i = 0; i < v.size(); i++) {
          double value = 1.0 + Math.log(v.counts()[i]);
          out[i] = value;
          norms[v.kinds()[i]] += value * value;
        }
        for (int k = 0; k < norms.length; k++) {
          norms[k] = k == FeatureKind.SIGNAL.ordinal() || norms[k] == 0 ? 1 : Math.sqrt(norms[k]);
        }
        for (int i = 0; i < v.size(); i++) {
          out[i] /= norms[v.kinds()[i]];
        }
      }
    }
  }
}
