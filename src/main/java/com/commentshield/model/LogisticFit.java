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
 *       instead of 2^18 for a small corpus; the others would stay 0 anyway, since their gradient
 *       is only the regularisation of a zero weight), which makes every L-BFGS step cheaper;
 *   <li>rows are stored in flat arrays, and the gradient is summed into one buffer per worker
 *       instead of one full-size buffer per 1,000 rows.
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
   * rowStart[i+1])} with {@code values} at the same positions, in a space of {@code dimension}
   * columns.
   */
  static SparseLogisticRegression.Binomial fit(
      int[] rowStart,
      int[] columns,
      float[] values,
      int[] y,
      int dimension,
      double lambda,
      int maxIterations,
      IntSet labels) {
    int n = y.length;
    int nnz = rowStart[n];
    int[] compactOf = compactIndices(columns, nnz, dimension);
    int used = 0;
    for (int c : compactOf) {
      used += c >= 0 ? 1 : 0;
    }
    int[] compactColumns = new int[nnz];
    for (int k = 0; k < nnz; k++) {
      compactColumns[k] = compactOf[columns[k]];
    }
    Objective objective = new Objective(rowStart, compactColumns, values, y, used, lambda);
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
   * weights that nearly every row reads sit together in a few cache lines.
   */
  private static int[] compactIndices(int[] columns, int nnz, int dimension) {
    int[] frequency = new int[dimension];
    for (int k = 0; k < nnz; k++) {
      frequency[columns[k]]++;
    }
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
  private static final class Objective implements DifferentiableMultivariateFunction {
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;
    private final int[] y;
    private final int p;
    private final double lambda;
    private final int workers;
    private final double[][] partialGradients;

    Objective(int[] rowStart, int[] columns, float[] values, int[] y, int p, double lambda) {
      this.rowStart = rowStart;
      this.columns = columns;
      this.values = values;
      this.y = y;
      this.p = p;
      this.lambda = lambda;
      int cores = Runtime.getRuntime().availableProcessors();
      this.workers = rowStart[y.length] < PARALLEL_THRESHOLD ? 1 : Math.max(1, cores);
      this.partialGradients = new double[workers][];
    }

    @Override
    public double f(double[] w) {
      double loss =
          workers == 1
              ? range(0, y.length, w, null)
              : IntStream.range(0, workers)
                  .parallel()
                  .mapToDouble(t -> range(from(t), from(t + 1), w, null))
                  .sum();
      return loss + penalty(w, null);
    }

    @Override
    public double g(double[] w, double[] g) {
      double loss;
      if (workers == 1) {
        Arrays.fill(g, 0.0);
        loss = range(0, y.length, w, g);
      } else {
        loss =
            IntStream.range(0, workers)
                .parallel()
                .mapToDouble(
                    t -> {
                      if (partialGradients[t] == null) {
                        partialGradients[t] = new double[p + 1];
                      }
                      double[] partial = partialGradients[t];
                      Arrays.fill(partial, 0.0);
                      return range(from(t), from(t + 1), w, partial);
                    })
                .sum();
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

    /** The first row of worker {@code t}'s share. */
    private int from(int t) {
      return (int) ((long) y.length * t / workers);
    }

    /** Log-loss of rows {@code from..to}; adds their gradient into {@code g} unless null. */
    private double range(int from, int to, double[] w, double[] g) {
      double loss = 0;
      double bias = w[p];
      for (int i = from; i < to; i++) {
        int start = rowStart[i];
        int end = rowStart[i + 1];
        double wx = bias;
        for (int k = start; k < end; k++) {
          wx += w[columns[k]] * values[k];
        }
        // log(1 + e^wx) and the sigmoid from one exponential. Smile's log1pe goes through
        // StrictMath.log1p, which is not intrinsified and took two thirds of the fitting time.
        double e = Math.exp(-Math.abs(wx));
        loss += Math.max(wx, 0) + Math.log(1 + e) - y[i] * wx;
        if (g != null) {
          double probability = wx >= 0 ? 1 / (1 + e) : e / (1 + e);
          double error = probability - y[i];
          for (int k = start; k < end; k++) {
            g[columns[k]] += error * values[k];
          }
          g[p] += error;
        }
      }
      return loss;
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
