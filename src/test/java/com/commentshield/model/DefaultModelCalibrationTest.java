package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The default model's probabilities come from Platt scaling fitted on out-of-fold scores (examples
 * each fit did not learn from), and are checked on the held-out fifth it never saw: the default
 * block threshold blocks at most 0.5% of that ham, and the review threshold still catches most of
 * that spam.
 */
class DefaultModelCalibrationTest {

  private static final double DEFAULT_BLOCK = 0.9;
  private static final double DEFAULT_REVIEW = 0.5;

  @Test
  void theDefaultBlockThresholdBlocksAtMostHalfAPercentOfHeldOutHam() {
    Evaluation heldOut = DefaultModel.served(Algorithm.LOGISTIC, why -> {}).result().evaluation();

    Metrics atBlock = heldOut.at(DEFAULT_BLOCK);
    Metrics atReview = heldOut.at(DEFAULT_REVIEW);
    long ham = atBlock.falsePositives() + atBlock.trueNegatives();

    assertTrue(ham >= 200, "held-out ham enough to measure 0.5%: " + ham);
    assertTrue(
        atBlock.falsePositiveRate() <= 0.005,
        "held-out ham blocked: " + atBlock.falsePositives() + " of " + ham);
    assertTrue(atReview.recall() >= 0.8, "held-out spam caught: " + atReview.recall());
  }
}
