package com.commentshield.model;

import java.util.Arrays;
import java.util.Locale;

/** The learners a model can be trained with. */
public enum Algorithm {
  /** Smile's multinomial or complement naive Bayes on feature counts. */
  NAIVE_BAYES("naive-bayes"),
  /** Smile's L2-regularised sparse logistic regression on scaled features. */
  LOGISTIC("logistic");

  private final String id;

  Algorithm(String id) {
    this.id = id;
  }

  /** The name used in configuration, the API and the command line. */
  public String id() {
    return id;
  }

  public static Algorithm fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(a -> a.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown algorithm '" + id + "', expected naive-bayes or logistic"));
  }
}
