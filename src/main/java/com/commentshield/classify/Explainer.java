package com.commentshield.classify;

import com.commentshield.model.SpamModel;
import com.commentshield.text.Comment;
import com.commentshield.text.FeatureKind;
import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Picks the features that weighed most in a decision and names them for people: words, phrases
 * and signals first, character fragments only when nothing more readable weighed in.
 */
final class Explainer {

  private Explainer() {}

  /**
   * The strongest contributions towards spam when {@code towardsSpam}, towards ham otherwise, at
   * most {@code max} of them.
   */
  static List<Reason> reasons(
      ActiveModel active, Comment comment, FeatureVector v, boolean towardsSpam, int max) {
    if (max <= 0 || v.size() == 0) {
      return List.of();
    }
    SpamModel model = active.model();
    double[] contribution = model.contributions(v);
    double sign = towardsSpam ? 1 : -1;
    Comparator<Integer> strongestFirst =
        Comparator.comparingDouble((Integer i) -> -sign * contribution[i]);
    List<Integer> readable =
        IntStream.range(0, v.size())
            .filter(i -> v.kind(i) != FeatureKind.CHARS && sign * contribution[i] > 0)
            .boxed()
            .sorted(strongestFirst)
            .limit(max)
            .toList();
    List<Integer> picked = new ArrayList<>(readable);
    if (picked.size() < max) {
      IntStream.range(0, v.size())
          .filter(i -> v.kind(i) == FeatureKind.CHARS && sign * contribution[i] > 0)
          .boxed()
          .sorted(strongestFirst)
          .limit(max - picked.size())
          .forEach(picked::add);
    }
    if (picked.isEmpty()) {
      return List.of();
    }
    int[] wanted = new int[picked.size()];
    boolean charsWanted = false;
    Map<Integer, Double> weightByIndex = new LinkedHashMap<>();
    for (int k = 0; k < picked.size(); k++) {
      int i = picked.get(k);
      wanted[k] = v.indices()[i];
      charsWanted |= v.kind(i) == FeatureKind.CHARS;
      weightByIndex.put(v.indices()[i], contribution[i]);
    }
    Arrays.sort(wanted);
    Featurizer featurizer = active.featurizer();
    Map<Integer, Featurizer.Feature> names =
        featurizer.describe(comment, index -> Arrays.binarySearch(wanted, index) >= 0, charsWanted);
    List<Reason> reasons = new ArrayList<>(picked.size());
    weightByIndex.forEach(
        (index, weight) -> {
          Featurizer.Feature f = names.get(index);
          if (f != null) {
            reasons.add(new Reason(kindName(f), f.name().strip(), round(weight)));
          }
        });
    return reasons;
  }

  private static String kindName(Featurizer.Feature f) {
    return switch (f.kind()) {
      case WORD -> f.name().indexOf(' ') >= 0 ? "phrase" : "word";
      case CHARS -> "characters";
      case SIGNAL -> "signal";
    };
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
