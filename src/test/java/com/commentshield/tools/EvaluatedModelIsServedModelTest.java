package com.commentshield.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.comment.Comment;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.SpamModel;
import com.commentshield.text.Featurizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/evaluate} without {@code --train} measures the model a new installation serves: the
 * same probabilities, comment for comment, as the default model the first start stores.
 */
class EvaluatedModelIsServedModelTest {

  private static final List<String> COMMENTS =
      List.of(
          "Great explanation, thanks!",
          "See https://github.com/pandas-dev/pandas/issues/1234 for the same bug",
          "check out my channel for more music videos",
          "Cheap pills at cheapmeds dot com, no prescription",
          "who is still listening in 2024?\uFEFF",
          "I paid $1,199 for mine and it broke in a week",
          "Earn $500 a day from home, message me on WhatsApp +1 555 0100 222");

  @Test
  void evaluateScoresWithTheModelTheServiceServes() throws Exception {
    for (Algorithm algorithm : Algorithm.values()) {
      // Given the model the evaluation command measures and the one a first start serves
      SpamModel evaluated = EvaluateCommand.train(null, algorithm).model();
      SpamModel served = DefaultModel.served(algorithm, why -> {}).result().model();

      // Then every comment gets the same probability from both
      Featurizer featurizer = new Featurizer(served.parameters().features());
      for (String text : COMMENTS) {
        Comment comment = Comment.of(text);
        assertEquals(
            served.spamProbability(featurizer.featurize(comment)),
            evaluated.spamProbability(featurizer.featurize(comment)),
            0.0,
            algorithm + ": " + text);
      }
    }
  }

  @Test
  void theModelTrainedAtAFirstStartIsTheShippedOne() {
    // Given the default model trained here, as a first start without a shipped model trains it
    SpamModel trainedHere = DefaultModel.train(Algorithm.LOGISTIC, done -> {}).model();
    SpamModel served = DefaultModel.served(Algorithm.LOGISTIC, why -> {}).result().model();

    // Then it scores like the one served
    Featurizer featurizer = new Featurizer(served.parameters().features());
    for (String text : COMMENTS) {
      Comment comment = Comment.of(text);
      assertEquals(
          served.spamProbability(featurizer.featurize(comment)),
          trainedHere.spamProbability(featurizer.featurize(comment)),
          1e-12,
          text);
    }
  }
}
