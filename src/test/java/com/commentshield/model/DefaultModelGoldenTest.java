package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.text.Featurizer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden test of what a new installation gets: the default model trained on the project's own
 * training data recognises the seed pages' spam and lets the forum posts through.
 */
class DefaultModelGoldenTest {

  private static List<LabeledText> data;
  private static SpamModel model;
  private static Featurizer featurizer;

  @BeforeAll
  static void trainDefaultModel() {
    data = DefaultTrainingData.load();
    Trainer trainer = new Trainer(DefaultModel.parameters(DefaultModel.ALGORITHM));
    model = trainer.train(data);
    featurizer = trainer.featurizer();
  }

  @Test
  void everySeedSpamCommentIsFlagged() {
    List<LabeledText> seedSpam = seeds(true);

    assertEquals(8, seedSpam.size());
    for (LabeledText row : seedSpam) {
      double p = model.spamProbability(featurizer.featurize(row.comment()));
      assertTrue(p >= 0.5, p + " for " + row.comment().content());
    }
  }

  @Test
  void theSeedForumPostsAreLetThrough() {
    List<LabeledText> seedHam = seeds(false);

    assertEquals(2, seedHam.size());
    for (LabeledText row : seedHam) {
      double p = model.spamProbability(featurizer.featurize(row.comment()));
      assertTrue(p < 0.5, p + " for " + row.comment().content());
    }
  }

  @Test
  void theModelDescribesItsTrainingData() {
    assertEquals(DefaultModel.ALGORITHM, model.algorithm());
    assertEquals(8, model.trainingSummary().get("seed/spam"));
    assertEquals(2, model.trainingSummary().get("seed/ham"));
    assertEquals(
        data.size(), model.trainingSummary().values().stream().mapToInt(Integer::intValue).sum());
  }

  private static List<LabeledText> seeds(boolean spam) {
    return data.stream().filter(r -> r.source().startsWith("seed:") && r.spam() == spam).toList();
  }
}
