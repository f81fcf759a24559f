package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.comment.Comment;
import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpamModelTest {

  /** A tiny corpus of its own, so the test depends on no data file. */
  static List<LabeledText> fixture() {
    String[] spam = {
      "buy cheap viagra online no prescription http://pills-direct.ru",
      "cheap cialis and viagra, fast shipping, visit www.rx-shop.com",
      "check out my channel and subscribe, free gift cards",
      "subscribe to my channel please, I post music every day",
      "earn $500 a day from home, click http://bit.ly/3xyz",
      "make money fast online, work from home, limited offer",
      "free iphone giveaway, visit my page and subscribe now",
      "best online pharmacy, cheap pills, order today",
      "call +1 (800) 555-0199 now for tech support refund",
      "crypto investment doubles your money, message me",
    };
    String[] ham = {
      "I agree with the article, the library closure hurt the town",
      "This song reminds me of my summer in Seoul, love it",
      "Thanks for the explanation, the diagram made it click",
      "I disagree, the data in the second chart says otherwise",
      "Great performance, the dancers were amazing",
      "My kids watch this every morning before school",
      "The council should publish the budget before voting",
      "Has anyone tried the recipe with less sugar?",
      "The bridge has been closed since March, any news?",
      "What a voice, I have listened to it ten times today",
    };
    List<LabeledText> rows = new ArrayList<>();
    for (String s : spam) {
      rows.add(LabeledText.of(true, s, "test"));
    }
    for (String h : ham) {
      rows.add(LabeledText.of(false, h, "test"));
    }
    return rows;
  }

  private static final List<Comment> PROBES =
      List.of(
          Comment.of("cheap viagra pills online, visit www.rx-shop.com"),
          Comment.of("subscribe to my channel for free gifts"),
          Comment.of("I love this song, the dancers were great"),
          Comment.of("the council closed the library"),
          Comment.of("completely unrelated words zebra quantum"));

  @Test
  void logisticCompiledWeightsScoreLikeSmilesOwnPredict() {
    assertCompiledWeightsMatchSmile(Algorithm.LOGISTIC);
  }

  @Test
  void naiveBayesCompiledWeightsScoreLikeSmilesOwnPredict() {
    assertCompiledWeightsMatchSmile(Algorithm.NAIVE_BAYES);
  }

  private static void assertCompiledWeightsMatchSmile(Algorithm algorithm) {
    // Given a model trained on the fixture
    Trainer trainer = new Trainer(ModelParameters.defaults(algorithm));
    SpamModel model = trainer.train(fixture());

    for (Comment probe : PROBES) {
      FeatureVector v = trainer.featurizer().featurize(probe);
      // When the probe is scored with the compiled weights and by Smile itself
      double compiled = SpamModel.sigmoid(model.rawLogOdds(v));
      double smile = model.smileSpamProbability(v);
      // Then both give the same uncalibrated probability (the weights are stored as floats)
      assertEquals(smile, compiled, 1e-4, probe.content());
    }
  }

  @Test
  void theTrainedModelSeparatesTheFixture() {
    for (Algorithm algorithm : Algorithm.values()) {
      Trainer trainer = new Trainer(ModelParameters.defaults(algorithm));
      SpamModel model = trainer.train(fixture());
      Featurizer f = trainer.featurizer();

      assertTrue(model.spamProbability(f.featurize(PROBES.get(0))) > 0.5, algorithm.id());
      assertTrue(model.spamProbability(f.featurize(PROBES.get(3))) < 0.5, algorithm.id());
    }
  }

  @Test
  void contributionsAddUpToTheLogOddsAboveTheEmptyComment() {
    Trainer trainer = new Trainer(ModelParameters.defaults(Algorithm.LOGISTIC));
    SpamModel model = trainer.train(fixture());
    FeatureVector v = trainer.featurizer().featurize(PROBES.get(0));
    FeatureVector empty = trainer.featurizer().featurize(Comment.of(" "));

    double[] contributions = model.contributions(v);

    assertEquals(v.size(), contributions.length);
    double sum = 0;
    for (double c : contributions) {
      sum += c;
    }
    assertEquals(0, empty.size());
    assertEquals(model.logOdds(v) - model.logOdds(empty), sum, 1e-9);
  }

  @Test
  void scoringWithContributionsGivesTheSameProbabilityAndTheSameShares() {
    for (Algorithm algorithm : Algorithm.values()) {
      // Given a model trained on the fixture
      Trainer trainer = new Trainer(ModelParameters.defaults(algorithm));
      SpamModel model = trainer.train(fixture());
      for (Comment probe : PROBES) {
        FeatureVector v = trainer.featurizer().featurize(probe);
        double[] shares = new double[v.size()];

        // When it scores a comment and writes the shares in the same pass
        double probability = model.spamProbability(v, shares);

        // Then the probability is exactly the one of scoring alone, and the shares add up to the
        // log-odds above the bias
        assertEquals(model.spamProbability(v), probability, 0.0, probe.content());
        double sum = 0;
        for (double share : shares) {
          sum += share;
        }
        FeatureVector empty = trainer.featurizer().featurize(Comment.of(" "));
        assertEquals(model.logOdds(v) - model.logOdds(empty), sum, 1e-9, probe.content());
      }
    }
  }

  @Test
  void aSerializedModelScoresExactlyLikeTheOriginal() throws Exception {
    for (Algorithm algorithm : Algorithm.values()) {
      // Given a trained model written out and read back
      Trainer trainer = new Trainer(ModelParameters.defaults(algorithm));
      SpamModel model = trainer.train(fixture());
      SpamModel copy = roundTrip(model);

      // Then it describes itself the same and gives identical scores
      assertEquals(model.parameters(), copy.parameters());
      assertEquals(model.algorithm(), copy.algorithm());
      assertEquals(model.createdAt(), copy.createdAt());
      assertEquals(model.trainingSummary(), copy.trainingSummary());
      for (Comment probe : PROBES) {
        FeatureVector v = trainer.featurizer().featurize(probe);
        assertEquals(model.spamProbability(v), copy.spamProbability(v), 0.0, probe.content());
        assertEquals(model.logOdds(v), copy.logOdds(v), 0.0);
      }
    }
  }

  @Test
  void learningASpamExampleRaisesANaiveBayesScore() {
    // Given a naive Bayes model and a comment it thinks is ham
    Trainer trainer = new Trainer(ModelParameters.defaults(Algorithm.NAIVE_BAYES));
    SpamModel model = trainer.train(fixture());
    FeatureVector v =
        trainer.featurizer().featurize(Comment.of("the library dancers were amazing today"));
    double before = model.spamProbability(v);

    // When a moderator marks it as spam three times
    for (int i = 0; i < 3; i++) {
      model.learn(v, true);
    }

    // Then its score went up
    double after = model.spamProbability(v);
    assertTrue(after > before, before + " -> " + after);
    assertTrue(model.supportsOnlineLearning());
  }

  @Test
  void logisticRegressionDoesNotLearnOnline() {
    Trainer trainer = new Trainer(ModelParameters.defaults(Algorithm.LOGISTIC));
    SpamModel model = trainer.train(fixture());
    FeatureVector v = trainer.featurizer().featurize(PROBES.get(0));

    assertThrows(UnsupportedOperationException.class, () -> model.learn(v, true));
  }

  @Test
  void trainingSummaryCountsExamplesPerSourceAndLabel() {
    List<LabeledText> rows = new ArrayList<>(fixture());
    rows.add(LabeledText.of(true, "cheap pills http://x-pills.ru", "seed:001.txt"));

    SpamModel model = new Trainer(ModelParameters.defaults(Algorithm.NAIVE_BAYES)).train(rows);

    assertEquals(
        java.util.Map.of("seed/spam", 1, "test/spam", 10, "test/ham", 10), model.trainingSummary());
  }

  @Test
  void trainingWithOneClassOnlyIsRefused() {
    List<LabeledText> spamOnly = fixture().subList(0, 10);

    assertThrows(
        IllegalArgumentException.class,
        () -> new Trainer(ModelParameters.defaults(Algorithm.LOGISTIC)).train(spamOnly));
  }

  @Test
  void progressEndsAtEveryExampleFeaturizedAndEveryFitCounted() {
    List<Long> reported = new ArrayList<>();
    int n = fixture().size();

    new Trainer(ModelParameters.defaults(Algorithm.LOGISTIC)).train(fixture(), reported::add);

    // featurizing (n), the final fit (n) and five calibration fits on four fifths each (4n)
    assertEquals(6L * n, reported.getLast());
    for (int i = 1; i < reported.size(); i++) {
      assertTrue(reported.get(i) >= reported.get(i - 1), reported::toString);
    }
  }

  @Test
  void aLargeCorpusIsFittedOnFourFifthsAndCalibratedOnTheLastFifth() {
    // Given as many examples as make the trainer switch to a held-out fifth
    List<LabeledText> fixture = fixture();
    List<LabeledText> large = new ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    while (large.size() < Trainer.HOLDOUT_CALIBRATION_SIZE) {
      LabeledText row = fixture.get(random.nextInt(fixture.size()));
      String noise = Integer.toString(random.nextInt(1_000_000), 36);
      large.add(LabeledText.of(row.spam(), row.comment().content() + " " + noise, "bulk"));
    }
    List<Long> reported = new ArrayList<>();
    Trainer trainer = new Trainer(ModelParameters.defaults(Algorithm.NAIVE_BAYES));

    SpamModel model = trainer.train(large, reported::add);

    // Then one fit learned from four fifths, and the model still tells the classes apart
    int n = large.size();
    assertEquals(n + n * 4L / 5, reported.getLast(), 2.0);
    assertTrue(model.spamProbability(trainer.featurizer().featurize(PROBES.get(0))) > 0.5);
    assertTrue(model.spamProbability(trainer.featurizer().featurize(PROBES.get(3))) < 0.5);
    assertEquals(
        n, model.trainingSummary().get("bulk/spam") + model.trainingSummary().get("bulk/ham"));
  }

  private static SpamModel roundTrip(SpamModel model) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SpamModel) in.readObject();
    }
  }
}
