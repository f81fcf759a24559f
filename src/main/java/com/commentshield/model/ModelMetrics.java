package com.commentshield.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a model scored on labeled comments it did not learn from: the metrics at the 0.5 threshold,
 * the confusion matrix, the precision-recall curve and the quantiles of the ham scores (enough to
 * place a block threshold for a target false-positive rate), and, for a trained version, the size
 * of its training. Stored as JSON with every model version; the names are those versions have
 * always been stored with, so older rows read back.
 *
 * @param evaluatedOn how many labeled comments it was scored on
 * @param threshold the threshold of the metrics (0.5)
 * @param precisionRecallCurve from the strictest threshold to the most lenient; null in summaries
 * @param hamScoreQuantiles 1001 quantiles of the ham scores; null in summaries
 * @param examples distinct examples of the training, null for an evaluation alone
 * @param duplicatesRemoved repeated texts dropped before training
 * @param trainMillis time to train
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetrics(
    long evaluatedOn,
    double threshold,
    double accuracy,
    double precision,
    double recall,
    double f1,
    double mcc,
    double falsePositiveRate,
    ConfusionMatrix confusionMatrix,
    List<Evaluation.CurvePoint> precisionRecallCurve,
    double[] hamScoreQuantiles,
    Integer examples,
    Integer duplicatesRemoved,
    Long trainMillis) {

  /** Spam is the positive class. */
  public record ConfusionMatrix(
      long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {}

  /** Metrics at 0.5, the curve and the ham quantiles of an evaluation. */
  public static ModelMetrics of(Evaluation evaluation) {
    Metrics at = evaluation.at(0.5);
    List<Evaluation.CurvePoint> curve =
        evaluation.precisionRecallCurve(50).stream()
            .map(
                p ->
                    new Evaluation.CurvePoint(
                        round(p.threshold()), round(p.precision()), round(p.recall())))
            .toList();
    return new ModelMetrics(
        at.total(),
        0.5,
        round(at.accuracy()),
        round(at.precision()),
        round(at.recall()),
        round(at.f1()),
        round(at.mcc()),
        round(at.falsePositiveRate()),
        new ConfusionMatrix(
            at.truePositives(), at.falsePositives(), at.trueNegatives(), at.falseNegatives()),
        curve,
        hamQuantiles(evaluation),
        null,
        null,
        null);
  }

  /** These metrics with the size and time of the training that produced the model. */
  public ModelMetrics withTraining(int examples, int duplicatesRemoved, long trainMillis) {
    return new ModelMetrics(
        evaluatedOn,
        threshold,
        accuracy,
        precision,
        recall,
        f1,
        mcc,
        falsePositiveRate,
        confusionMatrix,
        precisionRecallCurve,
        hamScoreQuantiles,
        examples,
        duplicatesRemoved,
        trainMillis);
  }

  /** Without the curve and the quantiles: what lists of versions and jobs show. */
  public ModelMetrics headline() {
    return withCurves(null, null);
  }

  /** Without the quantiles, which only serve to compute thresholds. */
  public ModelMetrics withoutQuantiles() {
    return withCurves(precisionRecallCurve, null);
  }

  private ModelMetrics withCurves(List<Evaluation.CurvePoint> curve, double[] quantiles) {
    return new ModelMetrics(
        evaluatedOn,
        threshold,
        accuracy,
        precision,
        recall,
        f1,
        mcc,
        falsePositiveRate,
        confusionMatrix,
        curve,
        quantiles,
        examples,
        duplicatesRemoved,
        trainMillis);
  }

  /** The ham comments these metrics were computed on. */
  public long evaluatedHam() {
    return confusionMatrix == null
        ? 0
        : confusionMatrix.falsePositives() + confusionMatrix.trueNegatives();
  }

  /**
   * The block threshold that flags at most {@code targetRate} of the evaluated ham, from the ham
   * quantiles.
   *
   * @throws IllegalStateException when these metrics hold no ham scores
   */
  public double blockThresholdFor(double targetRate) {
    if (hamScoreQuantiles == null || hamScoreQuantiles.length == 0) {
      throw new IllegalStateException(
          "the active model has no held-out ham scores to compute a threshold from");
    }
    double[] q = hamScoreQuantiles;
    int index = (int) Math.ceil((1 - targetRate) * (q.length - 1));
    index = Math.max(0, Math.min(q.length - 1, index));
    return Math.min(1.0, Math.nextUp(q[index]));
  }

  /** 1001 quantiles of the ham scores, enough to place a block threshold for a target FPR. */
  private static double[] hamQuantiles(Evaluation evaluation) {
    double[] ham =
        IntStream.range(0, evaluation.labels().length)
            .filter(i -> evaluation.labels()[i] == 0)
            .mapToDouble(i -> evaluation.probabilities()[i])
            .sorted()
            .toArray();
    if (ham.length == 0) {
      return new double[0];
    }
    double[] q = new double[1001];
    for (int i = 0; i <= 1000; i++) {
      q[i] = ham[(int) Math.min(ham.length - 1, Math.round(i / 1000.0 * (ham.length - 1)))];
    }
    return q;
  }

  private static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }
}
