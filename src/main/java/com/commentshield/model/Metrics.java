package com.commentshield.model;

/**
 * Binary classification metrics, spam being the positive class.
 *
 * @param truePositives spam flagged as spam
 * @param falsePositives ham flagged as spam
 * @param trueNegatives ham let through
 * @param falseNegatives spam let through
 */
public record Metrics(
    long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

  /** Counts decisions made at {@code threshold} on the spam probabilities of labeled rows. */
  public static Metrics at(double[] spamProbability, int[] labels, double threshold) {
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < labels.length; i++) {
      boolean flagged = spamProbability[i] >= threshold;
      if (labels[i] == 1) {
        if (flagged) {
          tp++;
        } else {
          fn++;
        }
      } else if (flagged) {
        fp++;
      } else {
        tn++;
      }
    }
    return new Metrics(tp, fp, tn, fn);
  }

  public long total() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  public double accuracy() {
    return ratio(truePositives + trueNegatives, total());
  }

  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Share of ham flagged as spam. */
  public double falsePositiveRate() {
    return ratio(falsePositives, falsePositives + trueNegatives);
  }

  /** Matthews correlation coefficient; 0 when a row or column of the confusion matrix is empty. */
  public double mcc() {
    double tp = truePositives;
    double fp = falsePositives;
    double tn = trueNegatives;
    double fn = falseNegatives;
    double denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    return denominator == 0 ? 0 : (tp * tn - fp * fn) / denominator;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
