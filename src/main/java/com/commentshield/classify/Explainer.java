package com.commentshield.classify;

import com.commentshield.comment.Reason;
import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the features that weighed most in a decision and names them for people: words, phrases and
 * signals. A character n-gram counts in the score but is not something a person reads ("rst",
 * "ll"): it is described by the word it came from and adds to that word's weight. Stop words are
 * left out (they explain nothing), and a name appears once, with the weights of its features
 * summed.
 *
 * <p>It runs for every answer, so it picks the strongest few in one pass over the features (no
 * sorting of all of them) and names only those.
 */
final class Explainer {

  /** Candidates looked at per reason shown: some merge, some are stop words. */
  private static final int CANDIDATES_PER_REASON = 3;

  /**
   * Words too common to explain anything (English, and the commonest of a few other languages the
   * corpus holds); a phrase made only of them is left out too.
   */
  static final Set<String> STOP_WORDS =
      Set.of(
          "a", "about", "after", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been",
          "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
          "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
          "me", "my", "no", "not", "of", "on", "or", "our", "out", "over", "s", "she", "so", "some",
          "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
          "to", "too", "up", "us", "was", "we", "were", "what", "when", "which", "who", "will",
          "with", "would", "you", "your", "u", "ur", "t", "m", "re", "ll", "ve", "d", "im", "de",
          "la", "le", "el", "en", "et", "y", "que", "der", "die", "und", "das");

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
    int candidates = max * CANDIDATES_PER_REASON;
    int[] picked = new int[candidates];
    int count = strongest(v, contributions, sign, picked, candidates);
    if (count == 0) {
      return List.of();
    }
    int[] wanted = new int[count];
    for (int k = 0; k < count; k++) {
      wanted[k] = v.indices()[picked[k]];
    }
    Arrays.sort(wanted);
    Map<Integer, Featurizer.Feature> names =
        featurizer.describeForPeople(v, index -> Arrays.binarySearch(wanted, index) >= 0);
    Map<String, Reason> merged = new LinkedHashMap<>();
    for (int k = 0; k < count; k++) {
      Featurizer.Feature f = names.get(v.indices()[picked[k]]);
      if (f == null) {
        continue;
      }
      String name = f.name().strip();
      String kind = kindName(f.kind(), name);
      if (name.isEmpty() || (!kind.equals("signal") && onlyStopWords(name))) {
        continue;
      }
      double weight = contributions[picked[k]];
      merged.merge(
          name,
          new Reason(kind, name, weight),
          (a, b) -> new Reason(a.kind(), a.feature(), a.weight() + b.weight()));
    }
    List<Reason> reasons = new ArrayList<>(merged.size());
    merged.values().stream()
        .filter(r -> sign * r.weight() > 0)
        .sorted((a, b) -> Double.compare(sign * b.weight(), sign * a.weight()))
        .limit(max)
        .forEach(r -> reasons.add(new Reason(r.kind(), r.feature(), round(r.weight()))));
    return reasons;
  }

  private static boolean onlyStopWords(String name) {
    for (String word : name.split(" ")) {
      if (!STOP_WORDS.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Puts in {@code picked} the positions of the strongest entries of {@code v} that push in the
   * direction of {@code sign}, strongest first, at most {@code picked.length}; returns how many.
   */
  private static int strongest(
      FeatureVector v, double[] contributions, double sign, int[] picked, int max) {
    int count = 0;
    for (int i = 0; i < v.size(); i++) {
      double strength = sign * contributions[i];
      if (strength <= 0) {
        continue;
      }
      if (count == max && strength <= sign * contributions[picked[max - 1]]) {
        continue;
      }
      // insertion into the short list, strongest first; an equal one stays behind the earlier
      int at = count == max ? max - 1 : count++;
      while (at > 0 && sign * contributions[picked[at - 1]] < strength) {
        picked[at] = picked[at - 1];
        at--;
      }
      picked[at] = i;
    }
    return count;
  }

  private static String kindName(com.commentshield.text.FeatureKind kind, String name) {
    return switch (kind) {
      case WORD, CHARS -> name.indexOf(' ') >= 0 ? "phrase" : "word";
      case SIGNAL -> "signal";
    };
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
