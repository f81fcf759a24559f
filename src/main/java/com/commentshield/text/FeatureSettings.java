package com.commentshield.text;

import java.io.Serializable;

/**
 * How comments are turned into hashed features. Stored with every model, because a model only
 * understands the feature space it was trained in.
 *
 * @param bits the hashed space has 2^bits dimensions
 * @param charMin shortest character n-gram
 * @param charMax longest character n-gram
 * @param wordBigrams whether pairs of adjacent words are features too
 */
public record FeatureSettings(int bits, int charMin, int charMax, boolean wordBigrams)
    implements Serializable {

  public static final FeatureSettings DEFAULT = new FeatureSettings(18, 2, 5, true);

  public FeatureSettings {
    if (bits < 10 || bits > 24) {
      throw new IllegalArgumentException("bits must be within 10..24, was " + bits);
    }
    if (charMin < 1 || charMax < charMin || charMax > 8) {
      throw new IllegalArgumentException(
          "character n-grams need 1 <= min <= max <= 8, were " + charMin + ".." + charMax);
    }
  }

  public int dimension() {
    return 1 << bits;
  }
}
