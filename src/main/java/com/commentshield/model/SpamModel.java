package com.commentshield.model;

import com.commentshield.text.FeatureVector;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import smile.classification.DiscreteNaiveBayes;
import smile.classification.SparseLogisticRegression;
import smile.util.SparseArray;

/**
 * A trained model: the Smile learner that was fitted, the parameters it was fitted with, the {@link
 * ValueTransform} (with its idf) that turns counts into the learner's input, a summary of its
 * training data, and the calibration that turns its scores into probabilities.
 *
 * <p>Both learners are linear in the features (naive Bayes' log-odds is a weighted sum of feature
 * counts too), so scoring uses weights compiled once from the Smile model: one pass over the
 * comment's features without allocating, the same numbers as Smile's own {@code predict}, and the
 * weight of each feature is at hand to explain the decision.
 */
public final class SpamModel implements Serializable {

  @Serial private static final long serialVersionUID = 2L;

  private final ModelParameters parameters;
  private final Serializable learned;
  private final ValueTransform transform;
  private final double calibrationSlope;
  private final double calibrationIntercept;
  private final Instant createdAt;
  private final TreeMap<String, Integer> trainingSummary;

  private transient volatile LinearWeights weights;

  SpamModel(
      ModelParameters parameters,
      Serializable learned,
      ValueTransform transform,
      double calibrationSlope,
      double calibrationIntercept,
      Instant createdAt,
      Map<String, Integer> trainingSummary) {
    this.parameters = parameters;
    this.learned = learned;
    this.transform = transform;
    this.calibrationSlope = calibrationSlope;
    this.calibrationIntercept = calibrationIntercept;
    this.createdAt = createdAt;
    this.trainingSummary = new TreeMap<>(trainingSummary);
    this.weights = compile(learned, parameters, transform);
  }

  public ModelParameters parameters() {
    return parameters;
  }

  public Algorithm algorithm() {
    return parameters.algorithm();
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Examples per {@code source/label}, e.g. {@code seed/spam=8}. */
  public Map<String, Integer> trainingSummary() {
    return java.util.Collections.unmodifiableMap(trainingSummary);
  }

  public ValueTransform transform() {
    return transform;
  }

  /** The calibrated log-odds that the comment is spam. */
  public double logOdds(FeatureVector v) {
    return calibrationSlope * rawLogOdds(v) + calibrationIntercept;
  }

  public double spamProbability(FeatureVector v) {
    return sigmoid(logOdds(v));
  }

  /** Each feature's share of the calibrated log-odds, in the order of {@code v}'s entries. */
  public double[] contributions(FeatureVector v) {
    double[] shares = new double[v.size()];
    spamProbability(v, shares);
    return shares;
  }

  /**
   * {@link #spamProbability(FeatureVector)} (the same number), writing each feature's share of the
   * calibrated log-odds into {@code contributions} (at least {@code v.size()} long) in the same
   * pass: what an explained decision needs, for the price of scoring alone.
   */
  public double spamProbability(FeatureVector v, double[] contributions) {
    LinearWeights w = weights;
    double raw = w.bias + transform.dot(v, w.table, contributions);
    for (int i = 0; i < v.size(); i++) {
      contributions[i] *= calibrationSlope;
    }
    return sigmoid(calibrationSlope * raw + calibrationIntercept);
  }

  /** The uncalibrated score of Smile's own predict, for checking the compiled weights. */
  double smileSpamProbability(FeatureVector v) {
    SparseArray x = Trainer.toSparse(v, transform);
    double[] posteriori = new double[2];
    if (learned instanceof DiscreteNaiveBayes nb) {
      nb.predict(x, posteriori);
      return posteriori[1];
    }
    return ((SparseLogisticRegression) learned).score(x);
  }

  /** The uncalibrated log-odds of the compiled weights. */
  double rawLogOdds(FeatureVector v) {
    LinearWeights w = weights;
    return w.bias + transform.dot(v, w.table);
  }

  /** Whether {@link #learn} is available: Smile's naive Bayes learns one example at a time. */
  public boolean supportsOnlineLearning() {
    return learned instanceof DiscreteNaiveBayes;
  }

  /**
   * Adds one labeled example to a naive Bayes model at once (the next full retraining supersedes
   * it). Scoring goes on with the old weights until the new ones are compiled.
   */
  public void learn(FeatureVector v, boolean spam) {
    learn(java.util.List.of(v), new boolean[] {spam});
  }

  /**
   * Adds labeled examples to a naive Bayes model at once, compiling the weights once for all of
   * them.
   *
   * @param spam the label of each of {@code vectors}
   */
  public synchronized void learn(java.util.List<FeatureVector> vectors, boolean[] spam) {
    if (!(learned instanceof DiscreteNaiveBayes nb)) {
      throw new UnsupportedOperationException("online learning needs a naive Bayes model");
    }
    for (int i = 0; i < vectors.size(); i++) {
      nb.update(Trainer.toSparse(vectors.get(i), transform), spam[i] ? 1 : 0);
    }
    weights = compile(learned, parameters, transform);
  }

  private static LinearWeights compile(
      Serializable learned, ModelParameters parameters, ValueTransform transform) {
    int p = parameters.features().dimension();
    float[] weights = new float[p];
    double bias;
    if (learned instanceof SparseLogisticRegression.Binomial lr) {
      double[] w = lr.coefficients();
      for (int j = 0; j < p; j++) {
        weights[j] = (float) w[j];
      }
      bias = w[p];
    } else if (learned instanceof DiscreteNaiveBayes nb) {
      bias = compileNaiveBayes(nb, weights, parameters.complementNaiveBayes());
    } else {
      throw new IllegalStateException("unsupported learner " + learned.getClass().getSimpleName());
    }
    return new LinearWeights(bias, transform.scoringTable(weights));
  }

  /**
   * Reads naive Bayes' per-feature log-likelihood ratios through its public API into {@code
   * weights} and returns the bias: the posterior of a comment holding one feature once is
   * softmax(log prior + log P(feature | class)), so the feature's weight is that posterior's
   * log-odds less the prior's.
   */
  private static double compileNaiveBayes(
      DiscreteNaiveBayes nb, float[] weights, boolean complement) {
    double[] priori = nb.priori();
    double bias = complement ? 0.0 : Math.log(priori[1]) - Math.log(priori[0]);
    double[] posteriori = new double[2];
    for (int j = 0; j < weights.length; j++) {
      SparseArray probe = new SparseArray(1);
      probe.append(j, 1.0);
      nb.predict(probe, posteriori);
      weights[j] = (float) (Math.log(posteriori[1]) - Math.log(posteriori[0]) - bias);
    }
    return bias;
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    weights = compile(learned, parameters, transform);
  }

  /**
   * The compiled model: the bias and the weights laid out as {@link ValueTransform#scoringTable}.
   */
  private record LinearWeights(double bias, float[] table) {}
}
