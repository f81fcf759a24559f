package com.commentshield.model;

import com.commentshield.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * From labeled examples to an evaluated model: duplicates removed, a held-out part set aside, the
 * model trained on the rest and evaluated on the held-out part.
 *
 * <p>The held-out part is chosen by a hash of each comment's normalised text, so a comment that was
 * held out once is held out in every later training as well. The active model therefore never
 * learned from the rows a new model is compared on, and the quality gate compares both on data
 * neither has seen.
 */
public final class TrainingPipeline {

  /** One in this many comments is held out for evaluation. */
  static final int HOLD_OUT_ONE_IN = 5;

  /** What a training produced. */
  public record Result(
      SpamModel model,
      Evaluation evaluation,
      List<LabeledText> heldOut,
      Map<String, Integer> dataSummary,
      int examples,
      int duplicatesRemoved,
      long trainMillis) {}

  private TrainingPipeline() {}

  /**
   * Trains {@code parameters} on {@code examples}. When the same text appears more than once, the
   * last occurrence wins, so examples listed later (moderator verdicts after the shipped data)
   * override earlier ones.
   */
  public static Result run(
      List<LabeledText> examples, ModelParameters parameters, LongConsumer progress) {
    return run(examples, List.of(), 1, parameters, progress);
  }

  /**
   * Trains on the shipped examples and the site's labels. The held-out part is chosen among the
   * shipped examples only, so every label of the site is learned and the held-out figures stay
   * comparable from one training to the next; each site label counts {@code siteWeight} times
   * (rounded), so that a site's few hundred verdicts are not outnumbered by the shipped corpus. A
   * site label on a text of the shipped data replaces it.
   */
  public static Result run(
      List<LabeledText> shipped,
      List<LabeledText> site,
      double siteWeight,
      ModelParameters parameters,
      LongConsumer progress) {
    Map<String, LabeledText> unique = new LinkedHashMap<>();
    Map<String, Boolean> fromSite = new LinkedHashMap<>();
    for (LabeledText e : shipped) {
      String key = normalizedKey(e.comment().content());
      unique.remove(key);
      unique.put(key, e);
      fromSite.put(key, false);
    }
    for (LabeledText e : site) {
      String key = normalizedKey(e.comment().content());
      unique.remove(key);
      unique.put(key, e);
      fromSite.put(key, true);
    }
    List<LabeledText> train = new ArrayList<>();
    List<LabeledText> heldOut = new ArrayList<>();
    int repeats = Math.max(1, (int) Math.round(siteWeight));
    unique.forEach(
        (key, e) -> {
          if (fromSite.get(key)) {
            for (int r = 0; r < repeats; r++) {
              train.add(e);
            }
          } else {
            (isHeldOut(key) ? heldOut : train).add(e);
          }
        });
    if (heldOut.stream().noneMatch(LabeledText::spam)
        || heldOut.stream().allMatch(LabeledText::spam)) {
      // too little data for a held-out part with both labels: evaluate on the training rows
      heldOut.clear();
      heldOut.addAll(unique.values());
      train.clear();
      train.addAll(unique.values());
    }
    long started = System.nanoTime();
    SpamModel model = new Trainer(parameters).train(train, progress);
    long trainMillis = (System.nanoTime() - started) / 1_000_000;
    Evaluation evaluation = Evaluation.of(model, heldOut);
    return new Result(
        model,
        evaluation,
        heldOut,
        summarize(unique.values()),
        unique.size(),
        shipped.size() + site.size() - unique.size(),
        trainMillis);
  }

  /** Whether a comment belongs to the held-out part; stable across trainings. */
  public static boolean isHeldOut(String normalizedKey) {
    int h = normalizedKey.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), HOLD_OUT_ONE_IN) == 0;
  }

  /** The text two examples must share to count as duplicates. */
  public static String normalizedKey(String content) {
    return TextNormalizer.normalize(content == null ? "" : content)
        .text()
        .strip()
        .replaceAll("\\s+", " ");
  }

  /** Examples per {@code source/label}, the source cut at its first colon. */
  public static Map<String, Integer> summarize(Iterable<LabeledText> examples) {
    Map<String, Integer> summary = new TreeMap<>();
    for (LabeledText e : examples) {
      String source = e.source() == null ? "unknown" : e.source();
      int colon = source.indexOf(':');
      String family = colon > 0 ? source.substring(0, colon) : source;
      summary.merge(family + "/" + (e.spam() ? "spam" : "ham"), 1, Integer::sum);
    }
    return summary;
  }
}
