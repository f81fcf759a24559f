package com.commentshield.text;

import java.util.List;

/**
 * A comment as hashed features: parallel arrays of distinct indices, their counts and their kinds,
 * plus the names of the structural signals that fired and the normalised text the words and
 * character n-grams were taken from (both kept so that the features shown as reasons can be named
 * without featurizing the comment again).
 */
public record FeatureVector(
    int[] indices, int[] counts, byte[] kinds, int size, List<String> signals, String text) {

  public FeatureKind kind(int i) {
    return FeatureKind.VALUES[kinds[i]];
  }
}
