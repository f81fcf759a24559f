package com.commentshield.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.model.Evaluation;
import com.commentshield.model.ModelMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy preview read from a model's stored evaluation. */
class PolicyPreviewTest {

  /** 100 ham and 50 spam; ham scores spread evenly over 0..1, spam from the curve. */
  private static ModelMetrics metrics() {
    double[] ham = new double[1001];
    for (int i = 0; i <= 1000; i++) {
      ham[i] = i / 1000.0;
    }
    List<Evaluation.CurvePoint> curve =
        List.of(
            new Evaluation.CurvePoint(0.95, 1.0, 0.4),
            new Evaluation.CurvePoint(0.75, 0.9, 0.8),
            new Evaluation.CurvePoint(0.25, 0.5, 1.0));
    return new ModelMetrics(
        150,
        0.5,
        0,
        0,
        0,
        0,
        0,
        0,
        new ModelMetrics.ConfusionMatrix(45, 10, 90, 5),
        curve,
        ham,
        null,
        null,
        null);
  }

  @Test
  void sharesOfHamAndSpamPerDecisionAddUpAndFollowTheThresholds() {
    PolicyPreview p = PolicyPreview.of(metrics(), 0.75, 0.95);

    assertEquals(100, p.ham());
    assertEquals(50, p.spam());
    assertEquals(0.051, p.hamBlocked(), 0.002);
    assertEquals(0.2, p.hamReview(), 0.002);
    assertEquals(0.4, p.spamBlocked(), 1e-9);
    assertEquals(0.4, p.spamReview(), 1e-9);
    assertEquals(0.2, p.spamAllowed(), 1e-9);
    assertEquals(20, p.spamBlockedCount());
    assertEquals(10, p.spamAllowedCount());
    assertEquals(p.ham(), p.hamAllowedCount() + p.hamReviewCount() + p.hamBlockedCount());
  }

  @Test
  void betweenTwoCurvePointsTheSpamShareIsInterpolated() {
    assertEquals(0.6, PolicyPreview.spamShareFrom(metrics().precisionRecallCurve(), 0.85), 1e-9);
    assertEquals(0.0, PolicyPreview.spamShareFrom(metrics().precisionRecallCurve(), 0.99), 1e-9);
    assertEquals(1.0, PolicyPreview.spamShareFrom(metrics().precisionRecallCurve(), 0.1), 1e-9);
  }
}
