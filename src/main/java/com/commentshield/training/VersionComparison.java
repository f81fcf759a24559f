package com.commentshield.training;

import com.commentshield.examples.LabeledExamples;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.Evaluation;
import com.commentshield.model.LabeledText;
import com.commentshield.model.Metrics;
import com.commentshield.model.SpamModel;
import com.commentshield.model.TrainingPipeline;
import com.commentshield.models.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model versions measured on one common set, so that their numbers can be compared: each stored
 * version's own metrics come from the held-out part of whatever data it was trained with, which
 * differs from version to version. The common set is today's held-out part: the shipped examples
 * and every labeled example whose normalised text the pipeline holds out ({@link
 * TrainingPipeline#isHeldOut}), which no version trained on, since a text is held out in every
 * training alike.
 */
@ApplicationScoped
public class VersionComparison {

  /** How many of the newest versions are compared. */
  public static final int VERSIONS = 8;

  /**
   * One version on the common set, at 0.5 and at the policy given.
   *
   * @param version the version
   * @param algorithm its algorithm
   * @param active whether it is the active one
   * @param mcc Matthews correlation at 0.5
   * @param precision precision at 0.5
   * @param recall recall at 0.5
   * @param hamBlocked share of the ham at or above the block threshold
   * @param spamCaught share of the spam at or above the review threshold
   */
  public record Row(
      int version,
      String algorithm,
      boolean active,
      double mcc,
      double precision,
      double recall,
      double hamBlocked,
      double spamCaught) {}

  /**
   * The comparison.
   *
   * @param ham ham comments of the common set
   * @param spam spam comments of the common set
   * @param rows the newest versions, newest first
   */
  public record Comparison(long ham, long spam, List<Row> rows) {}

  private record Scored(Evaluation evaluation) {}

  private final ModelStore store;
  private final LabeledExamples examples;

  /** Scores per version and size of the common set: a version's artifact never changes. */
  private final Map<String, Scored> scored = new ConcurrentHashMap<>();

  private volatile List<LabeledText> shippedHeldOut;

  /** The compared versions' models, read once: a version's artifact never changes. */
  private final Map<Integer, SpamModel> models = new ConcurrentHashMap<>();

  /** The common set and the labeled examples it was built from (newest id and count). */
  private record CommonSet(String key, List<LabeledText> rows) {}

  private volatile CommonSet commonSet;

  public VersionComparison(ModelStore store, LabeledExamples examples) {
    this.store = store;
    this.examples = examples;
  }

  /** The newest {@link #VERSIONS} versions on the common set, thresholds from the policy given. */
  public Comparison compare(double review, double block) {
    CommonSet set = commonSet();
    List<LabeledText> common = set.rows();
    long spam = common.stream().filter(LabeledText::spam).count();
    List<Row> rows = new ArrayList<>();
    List<ModelStore.Summary> newest = store.list().stream().limit(VERSIONS).toList();
    models.keySet().retainAll(newest.stream().map(ModelStore.Summary::version).toList());
    scored.keySet().removeIf(k -> !k.endsWith("/" + set.key()));
    for (ModelStore.Summary s : newest) {
      Evaluation e =
          scored
              .computeIfAbsent(
                  s.version() + "/" + set.key(),
                  k ->
                      new Scored(
                          Evaluation.of(
                              models.computeIfAbsent(s.version(), v -> store.load(v).model()),
                              common)))
              .evaluation();
      Metrics at = e.at(0.5);
      rows.add(
          new Row(
              s.version(),
              s.algorithm(),
              s.active(),
              at.mcc(),
              at.precision(),
              at.recall(),
              e.at(block).falsePositiveRate(),
              e.at(review).recall()));
    }
    return new Comparison(common.size() - spam, spam, rows);
  }

  private CommonSet commonSet() {
    String setKey = examples.maxId() + "/" + examples.countAfter(0);
    CommonSet cached = commonSet;
    if (cached != null && cached.key().equals(setKey)) {
      return cached;
    }
    List<LabeledText> shipped = shippedHeldOut;
    if (shipped == null) {
      shipped = heldOut(DefaultTrainingData.load());
      shippedHeldOut = shipped;
    }
    Map<String, LabeledText> unique = new LinkedHashMap<>();
    for (LabeledText row : shipped) {
      unique.put(TrainingPipeline.normalizedKey(row.comment().content()), row);
    }
    for (LabeledText row : heldOut(examples.all())) {
      String key = TrainingPipeline.normalizedKey(row.comment().content());
      unique.remove(key);
      unique.put(key, row);
    }
    CommonSet built = new CommonSet(setKey, List.copyOf(unique.values()));
    commonSet = built;
    return built;
  }

  private static List<LabeledText> heldOut(List<LabeledText> rows) {
    return rows.stream()
        .filter(
            r -> TrainingPipeline.isHeldOut(TrainingPipeline.normalizedKey(r.comment().content())))
        .toList();
  }
}
