package com.commentshield.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Reason;
import com.commentshield.model.Algorithm;
import com.commentshield.model.LabeledText;
import com.commentshield.model.ModelParameters;
import com.commentshield.model.SpamModel;
import com.commentshield.model.Trainer;
import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainerTest {

  private static Featurizer featurizer;
  private static SpamModel model;

  @BeforeAll
  static void train() {
    List<LabeledText> rows = new ArrayList<>();
    for (String s :
        List.of(
            "buy cheap viagra online no prescription http://pills-direct.ru",
            "cheap cialis and viagra, fast shipping, visit www.rx-shop.com",
            "check out my channel and subscribe, free gift cards",
            "earn $500 a day from home, click http://bit.ly/3xyz",
            "best online pharmacy, cheap pills, order today")) {
      rows.add(LabeledText.of(true, s, "test"));
    }
    for (String h :
        List.of(
            "I agree with the article, the library closure hurt the town",
            "This song reminds me of my summer in Seoul, love it",
            "Thanks for the explanation, the diagram made it click",
            "I disagree, the data in the second chart says otherwise",
            "Has anyone tried the recipe with less sugar?")) {
      rows.add(LabeledText.of(false, h, "test"));
    }
    Trainer trainer = new Trainer(ModelParameters.defaults(Algorithm.LOGISTIC));
    model = trainer.train(rows);
    featurizer = trainer.featurizer();
  }

  @Test
  void reasonsAreWholeWordsPhrasesOrSignalsEachOnceAndNoStopWords() {
    for (String text :
        List.of(
            "cheap viagra pills online, visit www.rx-shop.com now",
            "I agree, the library closure hurt the town and the diagram shows it",
            "zebra quantum",
            "hello, well, first: the rest is the same as it was",
            "subscribe to my channel, cheap gift cards http://bit.ly/abc")) {
      for (boolean towardsSpam : new boolean[] {true, false}) {
        for (int max : new int[] {1, 3, 6, 40}) {
          // Given a scored comment
          FeatureVector v = featurizer.featurize(Comment.of(text));
          double[] shares = new double[v.size()];
          model.spamProbability(v, shares);

          // When the explainer picks its reasons
          List<Reason> reasons = Explainer.reasons(featurizer, v, shares, towardsSpam, max);

          // Then each is a word or phrase of the text, or a signal of the comment, named once
          Set<String> words =
              new HashSet<>(
                  Arrays.asList(v.text().replaceAll("[^\\p{L}\\p{N}]+", " ").trim().split(" ")));
          for (Reason r : reasons) {
            switch (r.kind()) {
              case "word" -> assertTrue(words.contains(r.feature()), r + " in " + words);
              case "phrase" ->
                  assertTrue(
                      Arrays.stream(r.feature().split(" ")).allMatch(words::contains), r::toString);
              case "signal" -> assertTrue(v.signals().contains(r.feature()), r::toString);
              default -> throw new AssertionError("unexpected kind " + r);
            }
            assertFalse(Explainer.STOP_WORDS.contains(r.feature()), r::toString);
          }
          assertEquals(
              reasons.size(),
              reasons.stream().map(Reason::feature).distinct().count(),
              reasons::toString);
          assertTrue(reasons.size() <= max);
          double sign = towardsSpam ? 1 : -1;
          assertTrue(reasons.stream().allMatch(r -> sign * r.weight() > 0), reasons::toString);
          // strongest first
          for (int k = 1; k < reasons.size(); k++) {
            assertTrue(sign * reasons.get(k - 1).weight() >= sign * reasons.get(k).weight());
          }
        }
      }
    }
  }

  @Test
  void aSpamCommentIsExplainedByItsSpamWords() {
    FeatureVector v = featurizer.featurize(Comment.of("cheap viagra, visit www.rx-shop.com"));
    double[] shares = new double[v.size()];
    model.spamProbability(v, shares);

    List<Reason> reasons = Explainer.reasons(featurizer, v, shares, true, 6);

    assertFalse(reasons.isEmpty());
    assertTrue(
        reasons.stream().anyMatch(r -> r.feature().equals("viagra") || r.feature().equals("cheap")),
        reasons::toString);
    assertEquals(List.of(), Explainer.reasons(featurizer, v, shares, true, 0));
  }
}
