package com.commentshield.model;

/** The configuration the service and the evaluation command use unless told otherwise. */
public final class DefaultModel {

  /** The learner that evaluated better on the benchmarks (see README). */
  public static final Algorithm ALGORITHM = Algorithm.LOGISTIC;

  private DefaultModel() {}

  public static ModelParameters parameters(Algorithm algorithm) {
    return ModelParameters.defaults(algorithm);
  }
}
