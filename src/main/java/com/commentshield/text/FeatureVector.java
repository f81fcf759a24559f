package com.commentshield.text;

import java.util.List;

/**
 * A comment as hashed features: parallel arrays of distinct indices, their counts and their kinds,
 * plus the names of the structural signals that fired (kept by name because they are shown as
 * reasons).
 */
public record FeatureVector(
    int[] indices, int[] counts, byte[] kinds, int size, List<String> signals) {

  public FeatureKind kind(int i) {
    return FeatureKind.VALUES[kinds[i]];
  }
}
