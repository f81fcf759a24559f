package com.commentshield.classify;

import com.commentshield.comment.Reason;
import com.commentshield.text.FeatureKind;
import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Picks the features that weighed most in a decision and names them for people: words, phrases and
 * signals first, character fragments only when nothing more readable weighed in.
 *
 * <p>It runs for every answer, so it picks the strongest few in one pass over the features (no
 * sorting of all of them) and names only those.
 */
final class Explainer {

  private static final byte CHARS = (byte) FeatureKind.CHARS.ordinal();

  private Explainer() {}

  /**
   * The strongest contributions towards spam when {@code towardsSpam}, towards ham otherwise, at
   * most {@code max} of them.
   *
   * @param contributions each entry's share of the log-odds, in the order of {@code v}'s entries
   */
  static List<Reason> reasons(
      Featurizer featurizer,
      FeatureVector v,
      double[] contributions,
      boolean towardsSpam,
      int max) {
    if (max <= 0 || v.size() == 0) {
      return List.of();
    }
    double sign = towardsSpam ? 1 : -1;
    int[] picked = new int[max];
    int count = strongest(v, contributions, sign, false, picked, 0, max);
    boolean charsWanted = count < max;
    if (charsWanted) {
      count = strongest(v, contributions, sign, true, picked, count, max);
    }
    if (count == 0) {
      return List.of();
    }
    int[] wanted = new int[count];
    for (int k = 0; k < count; k++) {
      wanted[k] = v.indices()[picked[k]];
    }
    Arrays.sort(wanted);
    Map<Integer, Featurizer.Feature> names =
        featurizer.describe(v, index -> Arrays.binarySearch(wanted, index) >= 0, charsWanted);
    List<Reason> reasons = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      Featurizer.Feature f = names.get(v.indices()[picked[k]]);
      if (f != null) {
        reasons.add(new Reason(kindName(f), f.name().strip(), round(contributions[picked[k]])));
      }
    }
    return reasons;
  }

  /**
   * Appends to {@code picked[from..]} the positions of the strongest entries of {@code v} that push
   * in the direction of {@code sign} and are (or, without {@code chars}, are not) character
   * n-grams, strongest first, until {@code picked} holds {@code max}; returns how many it holds.
   */
  private static int strongest(
      FeatureVector v,
      double[] contributions,
      double sign,
      boolean chars,
      int[] picked,
      int from,
      int max) {
    byte[] kinds = v.kinds();
    int count = from;
    for (int i = 0; i < v.size(); i++) {
      double strength = sign * contributions[i];
      if (strength <= 0 || (kinds[i] == CHARS) != chars) {
        continue;
      }
      if (count == max && strength <= sign * contributions[picked[max - 1]]) {
        continue;
      }
      // insertion into the short list, strongest first; an equal one stays behind the earlier
      int at = count == max ? max - 1 : count++;
      while (at > from && sign * contributions[picked[at - 1]] < strength) {
        picked[at] = picked[at - 1];
        at--;
      }
      picked[at] = i;
    }
    return count;
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
