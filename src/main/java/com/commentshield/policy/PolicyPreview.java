package com.commentshield.policy;

import com.commentshield.model.Evaluation;
import com.commentshield.model.ModelMetrics;
import java.util.List;

/**
 * What a pair of thresholds would do to the comments a model was evaluated on (its held-out part),
 * read from the model's stored evaluation without scoring anything again: the share of ham above a
 * threshold from the ham score quantiles, the share of spam above it from the precision-recall
 * curve (recall at that threshold). Both are estimates at the resolution of what is stored (1001
 * ham quantiles, up to 50 curve points).
 *
 * @param review the review threshold
 * @param block the block threshold
 * @param ham held-out ham comments
 * @param spam held-out spam comments
 * @param hamBlocked share of the ham that would be blocked
 * @param hamReview share of the ham that would be held for review
 * @param spamBlocked share of the spam that would be blocked
 * @param spamReview share of the spam that would be held for review
 */
public record PolicyPreview(
    double review,
    double block,
    long ham,
    long spam,
    double hamBlocked,
    double hamReview,
    double spamBlocked,
    double spamReview) {

  /** The preview of {@code review} and {@code block} on {@code metrics}' held-out comments. */
  public static PolicyPreview of(ModelMetrics metrics, double review, double block) {
    ModelMetrics.ConfusionMatrix m = metrics.confusionMatrix();
    long ham = m == null ? 0 : m.falsePositives() + m.trueNegatives();
    long spam = m == null ? 0 : m.truePositives() + m.falseNegatives();
    double hamAtBlock = hamShareFrom(metrics.hamScoreQuantiles(), block);
    double hamAtReview = hamShareFrom(metrics.hamScoreQuantiles(), review);
    double spamAtBlock = spamShareFrom(metrics.precisionRecallCurve(), block);
    double spamAtReview = spamShareFrom(metrics.precisionRecallCurve(), review);
    return new PolicyPreview(
        review,
        block,
        ham,
        spam,
        hamAtBlock,
        Math.max(0, hamAtReview - hamAtBlock),
        spamAtBlock,
        Math.max(0, spamAtReview - spamAtBlock));
  }

  public double hamAllowed() {
    return Math.max(0, 1 - hamBlocked - hamReview);
  }

  public double spamAllowed() {
    return Math.max(0, 1 - spamBlocked - spamReview);
  }

  // Counts: the shares times the held-out comments, rounded (the confusion matrix at a policy).

  public long spamAllowedCount() {
    return Math.round(spamAllowed() * spam);
  }

  public long spamReviewCount() {
    return Math.round(spamReview * spam);
  }

  public long spamBlockedCount() {
    return Math.round(spamBlocked * spam);
  }

  public long hamAllowedCount() {
    return Math.round(hamAllowed() * ham);
  }

  public long hamReviewCount() {
    return Math.round(hamReview * ham);
  }

  public long hamBlockedCount() {
    return Math.round(hamBlocked * ham);
  }

  /** The share of ham scoring at least {@code threshold}: quantiles at or above it. */
  static double hamShareFrom(double[] quantiles, double threshold) {
    if (quantiles == null || quantiles.length == 0) {
      return 0;
    }
    int above = 0;
    for (double q : quantiles) {
      if (q >= threshold) {
        above++;
      }
    }
    return (double) above / quantiles.length;
  }

  /**
   * The share of spam scoring at least {@code threshold}: the curve's recall there, interpolated
   * between the two points around the threshold (nothing is caught above the highest point; below
   * the lowest, its recall holds).
   */
  static double spamShareFrom(List<Evaluation.CurvePoint> curve, double threshold) {
    if (curve == null || curve.isEmpty()) {
      return 0;
    }
    Evaluation.CurvePoint above = null;
    Evaluation.CurvePoint below = null;
    for (Evaluation.CurvePoint p : curve) {
      if (p.threshold() >= threshold) {
        if (above == null || p.threshold() < above.threshold()) {
          above = p;
        }
      } else if (below == null || p.threshold() > below.threshold()) {
        below = p;
      }
    }
    if (above == null) {
      return 0;
    }
    if (below == null || above.threshold() == threshold) {
      return above.recall();
    }
    double t = (above.threshold() - threshold) / (above.threshold() - below.threshold());
    return above.recall() + t * (below.recall() - above.recall());
  }
}
