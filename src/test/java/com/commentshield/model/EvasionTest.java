package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.tools.EvasionSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Spam obfuscated the way spammers dodge filters (leetspeak, Cyrillic look-alikes, zero-width
 * characters, spaced-out letters, hxxp and [.]) is caught about as well as the same spam written
 * plainly: recall on the obfuscated set stays within 5 points of recall on the clean set. The
 * default model learns from training-data/ without the held-out rows of both sets.
 */
class EvasionTest {

  private static final Path TRAINING_DATA = Path.of("training-data");

  @Test
  void obfuscatedSpamIsCaughtAboutAsWellAsPlainSpam() throws Exception {
    EvasionSet.Sets sets = EvasionSet.build(TRAINING_DATA, EvasionSet.DEFAULT_SEED);
    Trainer trainer = new Trainer(DefaultModel.parameters(DefaultModel.ALGORITHM));
    SpamModel model = trainer.train(labeled(sets.train()));

    Metrics clean = Evaluation.of(model, labeled(sets.clean())).at(0.5);
    Metrics obfuscated = Evaluation.of(model, labeled(sets.obfuscated())).at(0.5);
    System.out.printf(
        Locale.ROOT,
        "evasion: n_train=%d n_test=%d recall clean %.4f obfuscated %.4f; mcc %.4f / %.4f;"
            + " fpr %.4f / %.4f%n",
        sets.train().size(),
        sets.clean().size(),
        clean.recall(),
        obfuscated.recall(),
        clean.mcc(),
        obfuscated.mcc(),
        clean.falsePositiveRate(),
        obfuscated.falsePositiveRate());
    assertTrue(
        obfuscated.recall() >= clean.recall() - 0.05,
        String.format(
            Locale.ROOT,
            "recall on obfuscated spam %.4f is more than 5 points below clean %.4f",
            obfuscated.recall(),
            clean.recall()));
  }

  @Test
  void theSetsAreDeterministicDisjointFromTrainingAndBalanced() throws Exception {
    EvasionSet.Sets a = EvasionSet.build(TRAINING_DATA, EvasionSet.DEFAULT_SEED);
    EvasionSet.Sets b = EvasionSet.build(TRAINING_DATA, EvasionSet.DEFAULT_SEED);
    assertEquals(a, b);
    long spam = a.clean().stream().filter(r -> r.label().equals("spam")).count();
    assertEquals(spam * 2, a.clean().size(), "as many ham rows as spam rows");
    assertEquals(a.clean().size(), a.obfuscated().size());
    for (int i = 0; i < spam; i++) {
      assertNotEquals(a.clean().get(i).text(), a.obfuscated().get(i).text(), "row " + i);
    }
    List<String> trainTexts = a.train().stream().map(EvasionSet.Row::text).toList();
    a.clean().forEach(r -> assertTrue(!trainTexts.contains(r.text()), r.text()));
  }

  private static List<LabeledText> labeled(List<EvasionSet.Row> rows) {
    return rows.stream()
        .map(r -> LabeledText.of(r.label().equals("spam"), r.text(), r.source()))
        .toList();
  }
}
