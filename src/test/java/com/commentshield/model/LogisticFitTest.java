package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.math.BFGS;

class LogisticFitTest {

  @Test
  void scoringPointsOfTheLineFromKeptScoresFitsTheSameWeights() {
    // Given a random sparse problem, large enough for the line search to backtrack
    Random random = new Random(7);
    int n = 3_000;
    int p = 400;
    int perRow = 12;
    int[] rowStart = new int[n + 1];
    int[] columns = new int[n * perRow];
    float[] values = new float[n * perRow];
    int[] y = new int[n];
    double[] truth = random.doubles(p, -2, 2).toArray();
    for (int i = 0; i < n; i++) {
      double score = 0;
      rowStart[i + 1] = rowStart[i] + perRow;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        columns[k] = random.nextInt(p);
        values[k] = (float) random.nextDouble();
        score += truth[columns[k]] * values[k];
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
    }

    // When it is fitted once scoring every trial point in full and once with the shortcut
    double[] plain = new double[p + 1];
    LogisticFit.Objective withoutShortcut =
        new LogisticFit.Objective(rowStart, columns, values, y, p, 0.01, false);
    double plainLoss = BFGS.minimize(withoutShortcut, 5, plain, 1e-5, 40);
    double[] shortcut = new double[p + 1];
    LogisticFit.Objective withShortcut =
        new LogisticFit.Objective(rowStart, columns, values, y, p, 0.01, true);
    double shortcutLoss = BFGS.minimize(withShortcut, 5, shortcut, 1e-5, 40);

    // Then the shortcut was taken, and the fits agree to rounding
    assertTrue(withShortcut.evaluationsOnLine() > 0, "the line search never backtracked");
    assertEquals(0, withoutShortcut.evaluationsOnLine());
    assertEquals(plainLoss, shortcutLoss, 1e-9 * Math.abs(plainLoss));
    assertArrayEquals(plain, shortcut, 1e-6);
  }
}
