package com.commentshield.model;

import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import smile.classification.DiscreteNaiveBayes;
import smile.classification.PlattScaling;
import smile.util.IntSet;
import smile.util.SparseArray;

/**
 * Fits a {@link SpamModel}: featurizes the examples (in parallel), fits the Smile learner, and
 * calibrates the score into a probability with Platt scaling on held-out scores (a learner's scores
 * on its own training data are over-confident): cross-validated for small corpora, one held-out
 * fifth from {@link #HOLDOUT_CALIBRATION_SIZE} examples on.
 */
public final class Trainer {

  private static final IntSet LABELS = new IntSet(new int[] {0, 1});

  /**
   * From this many examples on, the model is fitted once, on four fifths, and calibrated on the
   * last fifth, instead of being fitted on everything plus once per cross-validation fold: at that
   * size the fifth left out costs little quality, the held-out fifth is plenty for Platt scaling's
   * two parameters, and retraining 100,000 comments stays within seconds. (The training summary
   * still counts every example: the held-out fifth shaped the probabilities.)
   */
  static final int HOLDOUT_CALIBRATION_SIZE = 20_000;

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
   * Trains on {@code examples}; {@code progress} hears, on the calling thread, the number of
   * examples processed so far: featurizing counts each example once, and the fits, reported
   * together when they are all done, count the examples each of them learned from.
   */
  public SpamModel train(List<LabeledText> examples, LongConsumer progress) {
    int n = examples.size();
    FeatureVector[] vectors = new FeatureVector[n];
    int[] y = new int[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(i -> vectors[i] = featurizer.featurize(examples.get(i).comment()));
    for (int i = 0; i < n; i++) {
      y[i] = examples.get(i).label();
    }
    int spam = countOf(y, 1);
    if (spam == 0 || spam == n) {
      throw new IllegalArgumentException("training needs both spam and ham examples");
    }
    progress.accept(n);

    int folds = Math.min(parameters.calibrationFolds(), Math.min(spam, n - spam));
    if (folds < 2) {
      Fitted fitted = fit(vectors, y, null);
      progress.accept(2L * n);
      return model(fitted, 1.0, 0.0, examples);
    }
    int[] fold = stratifiedFolds(y, folds, 20251123L);
    if (n >= HOLDOUT_CALIBRATION_SIZE) {
      Fitted fitted = fit(vectors, y, i -> fold[i] != 0);
      progress.accept(n + (long) (n - countOf(fold, 0)));
      double[] scores = heldOutScores(fitted, vectors, fold, 0, new double[countOf(fold, 0)], 0);
      return calibrated(fitted, scores, heldOutLabels(y, fold, 1), examples);
    }

    // The final fit and the calibration fits do not depend on each other: run them side by side
    // (the calling thread takes part, so this uses every core even where the common pool has
    // one worker fewer than there are cores).
    Fitted[] fits =
        IntStream.rangeClosed(0, folds)
            .parallel()
            .mapToObj(f -> f == 0 ? fit(vectors, y, null) : fit(vectors, y, i -> fold[i] != f - 1))
            .toArray(Fitted[]::new);
    progress.accept(n + n + (long) (folds - 1) * n);
    double[] scores = new double[n];
    int scored = 0;
    for (int f = 0; f < folds; f++) {
      heldOutScores(fits[f + 1], vectors, fold, f, scores, scored);
      scored += countOf(fold, f);
    }
    return calibrated(fits[0], scores, heldOutLabels(y, fold, folds), examples);
  }

  /** Writes the raw scores of the rows in fold {@code f} into {@code out} from {@code at} on. */
  private double[] heldOutScores(
      Fitted fitted, FeatureVector[] vectors, int[] fold, int f, double[] out, int at) {
    SpamModel foldModel = model(fitted, 1.0, 0.0, List.of());
    for (int i = 0; i < vectors.length; i++) {
      if (fold[i] == f) {
        out[at++] = foldModel.rawLogOdds(vectors[i]);
      }
    }
    return out;
  }

  /** The labels of the rows in folds {@code 0 .. folds-1}, fold by fold, as scored above. */
  private static int[] heldOutLabels(int[] y, int[] fold, int folds) {
    int[] labels = new int[y.length];
    int k = 0;
    for (int f = 0; f < folds; f++) {
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == f) {
          labels[k++] = y[i];
        }
      }
    }
    return java.util.Arrays.copyOf(labels, k);
  }

  /** Platt-scales the held-out scores and wraps the fitted learner with that calibration. */
  private SpamModel calibrated(
      Fitted fitted, double[] heldOutScores, int[] heldOutLabels, List<LabeledText> examples) {
    PlattScaling platt = PlattScaling.fit(heldOutScores, heldOutLabels);
    // P = 1 / (1 + exp(alpha * s + beta)): recover alpha and beta from two points.
    double atZero = logit(platt.scale(0.0));
    double atOne = logit(platt.scale(1.0));
    return model(fitted, atOne - atZero, atZero, examples);
  }

  private SpamModel model(
      Fitted fitted, double slope, double intercept, List<LabeledText> examples) {
    return new SpamModel(
        parameters,
        fitted.learned,
        fitted.transform,
        slope,
        intercept,
        Instant.now(),
        TrainingPipeline.summarize(examples));
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

  private record Fitted(Serializable learned, ValueTransform transform) {}

  /** Fits the learner on the rows {@code included} accepts (all rows when null). */
  private Fitted fit(FeatureVector[] vectors, int[] allLabels, IntPredicate included) {
    int[] rows =
        IntStream.range(0, vectors.length)
            .filter(i -> included == null || included.test(i))
            .toArray();
    int p = parameters.features().dimension();
    int[] y = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      y[r] = allLabels[rows[r]];
    }
    if (parameters.algorithm() == Algorithm.NAIVE_BAYES) {
      ValueTransform transform =
          ValueTransform.of(
              parameters.presenceOnly()
                  ? ValueTransform.TermFrequency.PRESENCE
                  : ValueTransform.TermFrequency.COUNT);
      DiscreteNaiveBayes nb =
          new DiscreteNaiveBayes(
              parameters.complementNaiveBayes()
                  ? DiscreteNaiveBayes.Model.CNB
                  : DiscreteNaiveBayes.Model.MULTINOMIAL,
              2,
              p,
              parameters.smoothing(),
              LABELS);
      SparseArray[] x = new SparseArray[rows.length];
      for (int r = 0; r < rows.length; r++) {
        x[r] = toSparse(vectors[rows[r]], transform);
      }
      nb.update(x, y);
      return new Fitted(nb, transform);
    }

    int[] documentFrequency = new int[p];
    long nnz = 0;
    for (int row : rows) {
      FeatureVector v = vectors[row];
      for (int i = 0; i < v.size(); i++) {
        documentFrequency[v.indices()[i]]++;
      }
      nnz += v.size();
    }
    ValueTransform transform = ValueTransform.tfIdf(documentFrequency, rows.length);
    // A vector holds an index once, so its document frequency is how often it occurs in the data.
    int[] compactOf = LogisticFit.compactIndices(documentFrequency);
    int[] rowStart = new int[rows.length + 1];
    for (int r = 0; r < rows.length; r++) {
      rowStart[r + 1] = rowStart[r] + vectors[rows[r]].size();
    }
    int[] columns = new int[Math.toIntExact(nnz)];
    float[] values = new float[columns.length];
    // Rows do not depend on one another: filled in parallel, a block of rows at a time.
    int blocks = Math.max(1, rows.length / 1024);
    IntStream.range(0, blocks)
        .parallel()
        .forEach(
            block -> {
              double[] scratch = new double[256];
              int last = (int) ((long) rows.length * (block + 1) / blocks);
              for (int r = (int) ((long) rows.length * block / blocks); r < last; r++) {
                FeatureVector v = vectors[rows[r]];
                if (scratch.length < v.size()) {
                  scratch = new double[v.size() * 2];
                }
                transform.apply(v, scratch);
                int k = rowStart[r];
                for (int i = 0; i < v.size(); i++) {
                  columns[k] = compactOf[v.indices()[i]];
                  values[k] = (float) scratch[i];
                  k++;
                }
              }
            });
    return new Fitted(
        LogisticFit.fit(
            rowStart,
            columns,
            values,
            y,
            compactOf,
            parameters.lambda(),
            parameters.maxIterations(),
            LABELS),
        transform);
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
