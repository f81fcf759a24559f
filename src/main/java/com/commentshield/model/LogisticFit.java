package com.commentshield.model;

import java.util.Arrays;
import java.util.stream.IntStream;
import smile.classification.SparseLogisticRegression;
import smile.math.BFGS;
import smile.util.IntSet;
import smile.util.function.DifferentiableMultivariateFunction;

/**
 * Fits Smile's {@link SparseLogisticRegression.Binomial} with Smile's L-BFGS, minimising the same
 * objective as {@code SparseLogisticRegression.binomial} (log-loss summed over the examples plus
 * {@code lambda / 2 * |w|^2}, bias not regularised), but on a compact copy of the data:
 *
 * <ul>
 *   <li>only the dimensions some training example uses are optimised (a few tens of thousands
 *       instead of 2^18 for a small corpus; the others would stay 0 anyway, since their gradient is
 *       only the regularisation of a zero weight), which makes every L-BFGS step cheaper;
 *   <li>rows are stored in flat arrays, and the gradient is summed into one buffer per worker
 *       instead of one full-size buffer per 1,000 rows;
 *   <li>when the line search backtracks, the rows' scores at the shorter step come from those at
 *       the start of the line and at the first step (scores are linear in the weights), one pass
 *       over the rows instead of over all their values.
 * </ul>
 */
final class LogisticFit {

  /** Below this many stored values one thread is faster than splitting the work. */
  private static final long PARALLEL_THRESHOLD = 200_000;

  private static final int HISTORY = 5;
  private static final double GRADIENT_TOLERANCE = 1e-5;

  private LogisticFit() {}

  /**
   * Fits on rows given as flat arrays: row {@code i} holds {@code columns[rowStart[i] ..
   * rowStart[i+1])} with {@code values} at the same positions, the columns numbered by {@link
   * #compactIndices}: {@code compactOf[c]} is the number of column {@code c} of the full space.
   */
  static SparseLogisticRegression.Binomial fit(
      int[] rowStart,
      int[] columns,
      float[] values,
      int[] y,
      int[] compactOf,
      double lambda,
      int maxIterations,
      IntSet labels) {
    int n = y.length;
    int dimension = compactOf.length;
    int used = 0;
    for (int c : compactOf) {
      used += c >= 0 ? 1 : 0;
    }
    Objective objective = new Objective(rowStart, columns, values, y, used, lambda, true);
    double[] w = new double[used + 1];
    double loss = BFGS.minimize(objective, HISTORY, w, GRADIENT_TOLERANCE, maxIterations);

    double[] full = new double[dimension + 1];
    for (int c = 0; c < dimension; c++) {
      if (compactOf[c] >= 0) {
        full[c] = w[compactOf[c]];
      }
    }
    full[dimension] = w[used];
    SparseLogisticRegression.Binomial model =
        new SparseLogisticRegression.Binomial(full, -loss, lambda, labels);
    model.setLearningRate(0.1 / n);
    return model;
  }

  /**
   * Numbers the used columns 0, 1, ... from the most frequent down (-1 for unused ones), so the
   * weights that nearly every row reads sit together in a few cache lines; {@code frequency[c]} is
   * how many stored values column {@code c} has.
   */
  static int[] compactIndices(int[] frequency) {
    int dimension = frequency.length;
    long[] byFrequency = new long[dimension];
    int used = 0;
    for (int c = 0; c < dimension; c++) {
      if (frequency[c] > 0) {
        byFrequency[used++] = ((long) -frequency[c] << 32) | c;
      }
    }
    Arrays.sort(byFrequency, 0, used);
    int[] compactOf = new int[dimension];
    Arrays.fill(compactOf, -1);
    for (int i = 0; i < used; i++) {
      compactOf[(int) byFrequency[i]] = i;
    }
    return compactOf;
  }

  /** The penalised negative log-likelihood and its gradient; w[p] is the bias. */
  static final class Objective implements DifferentiableMultivariateFunction {
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;
    private final int[] y;
    private final int p;
    private final double lambda;
    private final int workers;
    private final double[][] partialGradients;

    /** Per row, its probability less its label at the point {@link #logLoss} last evaluated. */
    private final double[] errors;

    /** Per row, its score there. */
    private final double[] scores;

    /** That point (null before the first evaluation), and the log-loss there. */
    private double[] errorsAt;

    private double lossAtErrors;

    /**
     * The line the optimiser searches along: its origin (where the gradient was last taken) and one
     * step along it, with every row's score at both. The scores are linear in the weights, so any
     * other point of the line has the scores {@code origin + t * (step - origin)}: a step the line
     * search tries after its first costs one pass over the rows, not over all their values.
     */
    private final double[] originScores;

    private final double[] stepScores;
    private double[] origin;
    private double[] stepDirection;
    private boolean stepKnown;

    /** Whether a point on the current line is scored from the kept scores (off only to test it). */
    private final boolean lineShortcut;

    private int evaluationsOnLine;

    Objective(
        int[] rowStart,
        int[] columns,
        float[] values,
        int[] y,
        int p,
        double lambda,
        boolean lineShortcut) {
      this.lineShortcut = lineShortcut;
      this.rowStart = rowStart;
      this.columns = columns;
      this.values = values;
      this.y = y;
      this.p = p;
      this.lambda = lambda;
      int cores = Runtime.getRuntime().availableProcessors();
      this.workers = rowStart[y.length] < PARALLEL_THRESHOLD ? 1 : Math.max(1, cores);
      this.partialGradients = new double[workers][];
      this.errors = new double[y.length];
      this.scores = new double[y.length];
      this.originScores = new double[y.length];
      this.stepScores = new double[y.length];
    }

    @Override
    public double f(double[] w) {
      double t = !lineShortcut || origin == null || !stepKnown ? Double.NaN : stepAlongLine(w);
      double loss;
      if (Double.isNaN(t)) {
        loss = logLoss(w);
        if (origin != null && !stepKnown) {
          // the line search's first step from the origin: it fixes the line
          System.arraycopy(scores, 0, stepScores, 0, scores.length);
          if (stepDirection == null) {
            stepDirection = new double[w.length];
          }
          for (int j = 0; j < w.length; j++) {
            stepDirection[j] = w[j] - origin[j];
          }
          stepKnown = true;
        }
      } else {
        loss = logLossOnLine(w, t);
        evaluationsOnLine++;
      }
      return loss + penalty(w, null);
    }

    /** How many function values came from the kept scores of a line. */
    int evaluationsOnLine() {
      return evaluationsOnLine;
    }

    /**
     * How far along the line {@code w} lies, as a multiple of the first step ({@code w = origin + t
     * * stepDirection} to rounding), or NaN if it is not on the line.
     */
    private double stepAlongLine(double[] w) {
      double along = 0;
      double length = 0;
      for (int j = 0; j < w.length; j++) {
        along += (w[j] - origin[j]) * stepDirection[j];
        length += stepDirection[j] * stepDirection[j];
      }
      if (length == 0) {
        return Double.NaN;
      }
      double t = along / length;
      // The tolerance allows for rounding: the first step's direction is a difference of
      // weights, which loses the digits of a step much smaller than its weight.
      for (int j = 0; j < w.length; j++) {
        double expected = t * stepDirection[j];
        double off = w[j] - origin[j] - expected;
        if (Math.abs(off)
            > 1e-9 * (Math.abs(w[j]) + Math.abs(origin[j]) + Math.abs(expected)) + 1e-300) {
          return Double.NaN;
        }
      }
      return t;
    }

    /** {@link #logLoss} at the point {@code t} first steps along the line, from the kept scores. */
    private double logLossOnLine(double[] w, double t) {
      double loss = 0;
      for (int i = 0; i < y.length; i++) {
        loss += rowLoss(i, originScores[i] + t * (stepScores[i] - originScores[i]));
      }
      keepErrorsAt(w, loss);
      return loss;
    }

    /**
     * Smile's L-BFGS asks for the gradient at the point its line search has just accepted, that is,
     * where it has just asked for the function value: the rows' errors kept from that evaluation
     * give the gradient without computing every row's score a second time. The sums are the same,
     * in the same order, as computing both in one pass.
     */
    @Override
    public double g(double[] w, double[] g) {
      double loss = Arrays.equals(w, errorsAt) ? lossAtErrors : logLoss(w);
      // The optimiser searches its next line from here.
      if (origin == null) {
        origin = w.clone();
      } else {
        System.arraycopy(w, 0, origin, 0, w.length);
      }
      System.arraycopy(scores, 0, originScores, 0, scores.length);
      stepKnown = false;
      if (workers == 1) {
        Arrays.fill(g, 0.0);
        addGradient(0, y.length, g);
      } else {
        IntStream.range(0, workers)
            .parallel()
            .forEach(
                t -> {
                  if (partialGradients[t] == null) {
                    partialGradients[t] = new double[p + 1];
                  }
                  double[] partial = partialGradients[t];
                  Arrays.fill(partial, 0.0);
                  addGradient(from(t), from(t + 1), partial);
                });
        System.arraycopy(partialGradients[0], 0, g, 0, p + 1);
        for (int t = 1; t < workers; t++) {
          double[] partial = partialGradients[t];
          for (int j = 0; j <= p; j++) {
            g[j] += partial[j];
          }
        }
      }
      return loss + penalty(w, g);
    }

    /** The log-loss summed over all rows at {@code w}; keeps the rows' errors there. */
    private double logLoss(double[] w) {
      double loss =
          workers == 1
              ? logLoss(0, y.length, w)
              : IntStream.range(0, workers)
                  .parallel()
                  .mapToDouble(t -> logLoss(from(t), from(t + 1), w))
                  .sum();
      keepErrorsAt(w, loss);
      return loss;
    }

    private void keepErrorsAt(double[] w, double loss) {
      if (errorsAt == null) {
        errorsAt = w.clone();
      } else {
        System.arraycopy(w, 0, errorsAt, 0, w.length);
      }
      lossAtErrors = loss;
    }

    /** The first row of worker {@code t}'s share. */
    private int from(int t) {
      return (int) ((long) y.length * t / workers);
    }

    /**
     * Log-loss of rows {@code from..to}. Two rows at a time: each row's score still adds its terms
     * in order, but the additions of the two rows overlap instead of each waiting for the one
     * before (a row is one long chain of dependent additions). Four at a time was no faster.
     */
    private double logLoss(int from, int to, double[] w) {
      double loss = 0;
      double bias = w[p];
      int i = from;
      for (; i + 1 < to; i += 2) {
        int first = rowStart[i];
        int second = rowStart[i + 1];
        int end = rowStart[i + 2];
        int common = Math.min(second - first, end - second);
        double firstScore = bias;
        double secondScore = bias;
        for (int k = 0; k < common; k++) {
          firstScore += w[columns[first + k]] * values[first + k];
          secondScore += w[columns[second + k]] * values[second + k];
        }
        loss += rowLoss(i, addRest(firstScore, first + common, second, w));
        loss += rowLoss(i + 1, addRest(secondScore, second + common, end, w));
      }
      if (i < to) {
        loss += rowLoss(i, addRest(bias, rowStart[i], rowStart[i + 1], w));
      }
      return loss;
    }

    /** {@code score} plus the terms {@code from..to} of the score, in order. */
    private double addRest(double score, int from, int to, double[] w) {
      for (int k = from; k < to; k++) {
        score += w[columns[k]] * values[k];
      }
      return score;
    }

    /** The log-loss of row {@code i} with score {@code wx}; keeps its score and error. */
    private double rowLoss(int i, double wx) {
      scores[i] = wx;
      // log(1 + e^wx) and the sigmoid from one exponential. Smile's log1pe goes through
      // StrictMath.log1p, which is not intrinsified and took two thirds of the fitting time.
      double e = Math.exp(-Math.abs(wx));
      double probability = wx >= 0 ? 1 / (1 + e) : e / (1 + e);
      errors[i] = probability - y[i];
      return Math.max(wx, 0) + Math.log(1 + e) - y[i] * wx;
    }

    /** Adds the gradient of the log-loss of rows {@code from..to}, from their errors, into g. */
    private void addGradient(int from, int to, double[] g) {
      for (int i = from; i < to; i++) {
        double error = errors[i];
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          g[columns[k]] += error * values[k];
        }
        g[p] += error;
      }
    }

    private double penalty(double[] w, double[] g) {
      double norm = 0;
      for (int j = 0; j < p; j++) {
        norm += w[j] * w[j];
        if (g != null) {
          g[j] += lambda * w[j];
        }
      }
      return 0.5 * lambda * norm;
    }
  }
}
