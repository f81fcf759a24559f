package com.commentshield.model;

import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import smile.classification.DiscreteNaiveBayes;
import smile.classification.LogisticRegression;
import smile.classification.PlattScaling;
import smile.classification.SparseLogisticRegression;
import smile.data.SampleInstance;
import smile.data.SparseDataset;
import smile.util.IntSet;
import smile.util.SparseArray;

/**
 * Fits a {@link SpamModel}: featurizes the examples, fits the Smile learner, and calibrates the
 * score into a probability with Platt scaling on cross-validated scores (a learner's scores on
 * its own training data are over-confident).
 */
public final class Trainer {

  private static final IntSet LABELS = new IntSet(new int[] {0, 1});

  private final ModelParameters parameters;
  private final Featurizer featurizer;

  public Trainer(ModelParameters parameters) {
    this.parameters = parameters;
    this.featurizer = new Featurizer(parameters.features());
  }

  public Featurizer featurizer() {
    return featurizer;
  }

  public SpamModel train(List<LabeledText> examples) {
    return train(examples, done -> {});
  }

  /**
   * Trains on {@code examples}; {@code progress} hears the number of examples processed so far
   * (featurizing counts once, each calibration fold and the final fit once more).
   */
  public SpamModel train(List<LabeledText> examples, LongConsumer progress) {
    int n = examples.size();
    long[] done = {0};
    FeatureVector[] vectors = new FeatureVector[n];
    int[] y = new int[n];
    boolean hasSpam = false;
    boolean hasHam = false;
    for (int i = 0; i < n; i++) {
      LabeledText example = examples.get(i);
      vectors[i] = featurizer.featurize(example.comment());
      y[i] = example.label();
      hasSpam |= example.spam();
      hasHam |= !example.spam();
      if ((i & 1023) == 1023) {
        progress.accept(done[0] + i + 1);
      }
    }
    if (!hasSpam || !hasHam) {
      throw new IllegalArgumentException("training needs both spam and ham examples");
    }
    done[0] += n;
    progress.accept(done[0]);

    ValueTransform transform = transformOf(parameters);
    SparseArray[] x = new SparseArray[n];
    for (int i = 0; i < n; i++) {
      x[i] = toSparse(vectors[i], transform);
    }

    double slope = 1.0;
    double intercept = 0.0;
    int folds = Math.min(parameters.calibrationFolds(), Math.min(countOf(y, 1), countOf(y, 0)));
    if (folds >= 2) {
      double[] outOfFold = crossValidatedScores(x, vectors, y, folds, transform, done, progress);
      PlattScaling platt = PlattScaling.fit(outOfFold, y);
      // P = 1 / (1 + exp(alpha * s + beta)): recover alpha and beta from two points.
      double atZero = logit(platt.scale(0.0));
      double atOne = logit(platt.scale(1.0));
      slope = atOne - atZero;
      intercept = atZero;
    }

    Serializable learned = fit(x, y);
    done[0] += n;
    progress.accept(done[0]);
    return new SpamModel(parameters, learned, slope, intercept, Instant.now(), summarize(examples));
  }

  private double[] crossValidatedScores(
      SparseArray[] x,
      FeatureVector[] vectors,
      int[] y,
      int folds,
      ValueTransform transform,
      long[] done,
      LongConsumer progress) {
    int n = x.length;
    int[] fold = stratifiedFolds(y, folds, 20251123L);
    double[] scores = new double[n];
    for (int f = 0; f < folds; f++) {
      List<Integer> trainRows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          trainRows.add(i);
        }
      }
      SparseArray[] fx = new SparseArray[trainRows.size()];
      int[] fy = new int[trainRows.size()];
      for (int i = 0; i < fx.length; i++) {
        fx[i] = x[trainRows.get(i)];
        fy[i] = y[trainRows.get(i)];
      }
      SpamModel foldModel =
          new SpamModel(parameters, fit(fx, fy), 1.0, 0.0, Instant.now(), Map.of());
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          scores[i] = foldModel.rawLogOdds(vectors[i]);
        }
      }
      done[0] += fx.length;
      progress.accept(done[0]);
    }
    return scores;
  }

  /** Assigns each row a fold so that every fold holds the same share of spam. */
  static int[] stratifiedFolds(int[] y, int folds, long seed) {
    int[] fold = new int[y.length];
    Random random = new Random(seed);
    for (int label = 0; label <= 1; label++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == label) {
          rows.add(i);
        }
      }
      java.util.Collections.shuffle(rows, random);
      for (int k = 0; k < rows.size(); k++) {
        fold[rows.get(k)] = k % folds;
      }
    }
    return fold;
  }

  private Serializable fit(SparseArray[] x, int[] y) {
    int p = parameters.features().dimension();
    if (parameters.algorithm() == Algorithm.NAIVE_BAYES) {
      DiscreteNaiveBayes nb =
          new DiscreteNaiveBayes(
              parameters.complementNaiveBayes()
                  ? DiscreteNaiveBayes.Model.CNB
                  : DiscreteNaiveBayes.Model.MULTINOMIAL,
              2,
              p,
              parameters.smoothing(),
              LABELS);
      nb.update(x, y);
      return nb;
    }
    List<SampleInstance<SparseArray, Integer>> rows = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      rows.add(new SampleInstance<>(x[i], y[i]));
    }
    SparseDataset<Integer> data = new SparseDataset<>(rows, p);
    return SparseLogisticRegression.binomial(
        data,
        new LogisticRegression.Options(parameters.lambda(), 1e-5, parameters.maxIterations()));
  }

  static ValueTransform transformOf(ModelParameters parameters) {
    return parameters.algorithm() == Algorithm.LOGISTIC
        ? ValueTransform.LOG_UNIT_PER_KIND
        : parameters.presenceOnly() ? ValueTransform.PRESENCE : ValueTransform.COUNTS;
  }

  static SparseArray toSparse(FeatureVector v, ValueTransform transform) {
    double[] values = new double[v.size()];
    transform.apply(v, values);
    SparseArray x = new SparseArray(v.size());
    for (int i = 0; i < v.size(); i++) {
      x.append(v.indices()[i], values[i]);
    }
    return x;
  }

  private static Map<String, Integer> summarize(List<LabeledText> examples) {
    Map<String, Integer> summary = new TreeMap<>();
    for (LabeledText e : examples) {
      String source = e.source() == null ? "unknown" : e.source();
      int colon = source.indexOf(':');
      String family = colon > 0 ? source.substring(0, colon) : source;
      summary.merge(family + "/" + (e.spam() ? "spam" : "ham"), 1, Integer::sum);
    }
    return summary;
  }

  private static int countOf(int[] y, int label) {
    int c = 0;
    for (int v : y) {
      if (v == label) {
        c++;
      }
    }
    return c;
  }

  private static double logit(double p) {
    double q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    return Math.log(q / (1 - q));
  }
}
