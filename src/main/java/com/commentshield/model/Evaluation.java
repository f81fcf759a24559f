package com.commentshield.model;

import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model's spam probabilities on labeled rows it did not learn from, and what follows from them:
 * metrics at any threshold, the precision-recall curve, and the threshold that keeps the share of
 * ham flagged under a target.
 *
 * @param probabilities the model's spam probability for each row
 * @param labels 1 for spam, 0 for ham, per row
 */
public record Evaluation(double[] probabilities, int[] labels) {

  /** One point of the precision-recall curve. */
  public record CurvePoint(double threshold, double precision, double recall) {}

  public static Evaluation of(SpamModel model, List<LabeledText> rows) {
    Featurizer featurizer = new Featurizer(model.parameters().features());
    double[] p = new double[rows.size()];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      p[i] = model.spamProbability(featurizer.featurize(rows.get(i).comment()));
      y[i] = rows.get(i).label();
    }
    return new Evaluation(p, y);
  }

  /**
   * The mean negative log-likelihood of the labels, in nats: lower is better, and unlike a count of
   * errors at one threshold it sees every probability move towards or away from the truth.
   */
  public double logLoss() {
    if (labels.length == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Math.min(1 - 1e-6, Math.max(1e-6, probabilities[i]));
      sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / labels.length;
  }

  public Metrics at(double threshold) {
    return Metrics.at(probabilities, labels, threshold);
  }

  /** Up to {@code maxPoints} points, from the strictest threshold to the most lenient. */
  public List<CurvePoint> precisionRecallCurve(int maxPoints) {
    double[] thresholds = Arrays.stream(probabilities).distinct().sorted().toArray();
    List<CurvePoint> points = new ArrayList<>();
    if (thresholds.length == 0) {
      return points;
    }
    int step = Math.max(1, thresholds.length / Math.max(1, maxPoints));
    for (int i = thresholds.length - 1; i >= 0; i -= step) {
      Metrics m = at(thresholds[i]);
      points.add(new CurvePoint(thresholds[i], m.precision(), m.recall()));
    }
    return points;
  }

  /**
   * The lowest threshold at which at most {@code targetRate} of the ham rows would be flagged; 1.0
   * when even that flags too much, and the lowest observed spam score when there is no ham.
   */
  public double thresholdForFalsePositiveRate(double targetRate) {
    double[] ham = new double[labels.length];
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 0) {
        ham[n++] = probabilities[i];
      }
    }
    if (n == 0) {
      return 0.5;
    }
    double[] sorted = Arrays.copyOf(ham, n);
    Arrays.sort(sorted);
    int allowed = (int) Math.floor(targetRate * n);
    if (allowed >= n) {
      return Math.max(Double.MIN_VALUE, sorted[0]);
    }
    // sorted ascending: the (allowed+1)-th highest ham score must fall below the threshold
    double highestBlockedAgainst = sorted[n - 1 - allowed];
    return Math.min(1.0, Math.nextUp(highestBlockedAgainst));
  }
}
