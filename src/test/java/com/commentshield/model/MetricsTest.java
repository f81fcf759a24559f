package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void decisionsAtTheThresholdFillTheConfusionMatrix() {
    // Given six spam and four ham rows with their probabilities
    double[] probability = {0.9, 0.8, 0.5, 0.49, 0.7, 0.1, 0.6, 0.2, 0.3, 0.0};
    int[] labels = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};

    // When decided at 0.5 (a probability equal to the threshold is flagged)
    Metrics m = Metrics.at(probability, labels, 0.5);

    // Then: spam 0.9, 0.8, 0.5, 0.7 caught; 0.49, 0.1 missed; ham 0.6 flagged
    assertEquals(new Metrics(4, 1, 3, 2), m);
    assertEquals(10, m.total());
    assertEquals(0.7, m.accuracy(), 1e-12);
    assertEquals(0.8, m.precision(), 1e-12);
    assertEquals(4.0 / 6, m.recall(), 1e-12);
    assertEquals(2 * 0.8 * (4.0 / 6) / (0.8 + 4.0 / 6), m.f1(), 1e-12);
    assertEquals(0.25, m.falsePositiveRate(), 1e-12);
    // MCC = (4*3 - 1*2) / sqrt(5 * 6 * 4 * 5) = 10 / sqrt(600)
    assertEquals(10 / Math.sqrt(600), m.mcc(), 1e-12);
  }

  @Test
  void perfectAndInvertedDecisionsGiveMccOneAndMinusOne() {
    assertEquals(1.0, new Metrics(5, 0, 7, 0).mcc(), 1e-12);
    assertEquals(-1.0, new Metrics(0, 7, 0, 5).mcc(), 1e-12);
  }

  @Test
  void anEmptyRowOrColumnGivesZeroInsteadOfNaN() {
    // Everything flagged: no negatives predicted
    Metrics allFlagged = new Metrics(5, 5, 0, 0);

    assertEquals(0.0, allFlagged.mcc());
    assertEquals(0.0, new Metrics(0, 0, 0, 0).precision());
    assertEquals(0.0, new Metrics(0, 0, 0, 0).f1());
  }
}
