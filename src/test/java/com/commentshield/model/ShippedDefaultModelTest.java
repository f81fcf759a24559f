package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.text.Featurizer;
import com.commentshield.tools.DefaultModelBuild;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default model the build ships (written into target/classes in process-classes, before the
 * tests run) is the model a first start would train, and is passed over when it was trained from
 * anything else.
 */
class ShippedDefaultModelTest {

  @Test
  void theBuildShipsTheModelAFirstStartWouldTrain() {
    DefaultModel.ShippedModel shippedModel =
        DefaultModel.shipped(DefaultModel.ALGORITHM).orElseThrow();
    TrainingPipeline.Result shipped = shippedModel.result();
    TrainingPipeline.Result trained = DefaultModel.train(DefaultModel.ALGORITHM, done -> {});

    assertEquals(trained.dataSummary(), shipped.dataSummary());
    assertEquals(trained.examples(), shipped.examples());
    assertEquals(trained.duplicatesRemoved(), shipped.duplicatesRemoved());
    assertEquals(trained.model().parameters(), shipped.model().parameters());
    assertArrayEquals(trained.evaluation().labels(), shipped.evaluation().labels());
    assertArrayEquals(
        trained.evaluation().probabilities(), shipped.evaluation().probabilities(), 1e-9);
    SpamModel stored = ModelArtifact.fromBytes(shippedModel.artifact());
    Featurizer featurizer = new Featurizer(shipped.model().parameters().features());
    for (LabeledText row : DefaultTrainingData.load()) {
      var features = featurizer.featurize(row.comment());
      double p = trained.model().spamProbability(features);
      assertEquals(p, shipped.model().spamProbability(features), 1e-9, row.comment().content());
      assertEquals(p, stored.spamProbability(features), 1e-9, row.comment().content());
    }
  }

  @Test
  void everyAlgorithmHasAShippedModel() {
    for (Algorithm algorithm : Algorithm.values()) {
      TrainingPipeline.Result shipped = DefaultModel.shipped(algorithm).orElseThrow().result();
      assertEquals(algorithm, shipped.model().algorithm());
      assertTrue(shipped.evaluation().at(0.5).mcc() > 0.5, algorithm + " evaluates too poorly");
    }
  }

  @Test
  void otherTrainingCodeOrParametersMakeADifferentDigest() throws Exception {
    List<String> code = DefaultModelBuild.trainingClasses(Path.of("target/classes"));
    String digest = DefaultModel.inputsDigest(Algorithm.LOGISTIC, code);

    assertEquals(digest, DefaultModel.inputsDigest(Algorithm.LOGISTIC, code));
    assertNotEquals(digest, DefaultModel.inputsDigest(Algorithm.NAIVE_BAYES, code));
    assertNotEquals(
        digest, DefaultModel.inputsDigest(Algorithm.LOGISTIC, code.subList(1, code.size())));
    assertNotEquals(
        digest,
        DefaultModel.inputsDigest(
            Algorithm.LOGISTIC, List.of(code.get(0), "com/commentshield/text/Gone.class")));
  }

  @Test
  void aShippedModelIsReadThroughTheArtifactClassFilter() {
    byte[] notAModel = ModelArtifact.write(new java.util.ArrayList<>(List.of("no model")));

    assertThrows(
        IllegalArgumentException.class,
        () -> ModelArtifact.read(notAModel, DefaultModel.Shipped.class, "no model"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ModelArtifact.read(
                ModelArtifact.write(new java.util.concurrent.atomic.AtomicLong()),
                DefaultModel.Shipped.class,
                "no model"));
  }
}
