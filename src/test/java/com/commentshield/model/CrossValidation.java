package com.commentshield.model;

import com.commentshield.text.Featurizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: a tool for choosing parameters without looking at test parts. Stratified k-fold
 * cross-validation of the default logistic configuration on each labeled TSV given (meant for the
 * training parts of the benchmark's splits), repeated with several shuffles; prints per file the
 * mean MCC of the folds at 0.5, the errors pooled over every fold and repeat, and the share of ham
 * at or above the block threshold 0.9, then the mean MCC over the files.
 *
 * <p>Usage (after {@code mvn test-compile}): {@code java -cp
 * target/test-classes:target/classes:target/quarkus-app/lib/main/* \
 * com.commentshield.model.CrossValidation [--folds 5] [--repeats 2] [--algorithm logistic] A.tsv
 * B.tsv ...}
 *
 * <p>System properties override the defaults, to compare candidates: {@code cv.charMin}, {@code
 * cv.charMax}, {@code cv.presence} (naive Bayes), {@code cv.lambda}; {@code cv.show} prints the
 * comments the first repeat gets wrong. The benchmark's splits (never committed) can be written
 * with {@code bench/lib/quality.py}'s {@code build_splits}.
 */
public final class CrossValidation {

  private CrossValidation() {}

  public static void main(String[] args) throws Exception {
    int folds = 5;
    int repeats = 2;
    Algorithm algorithm = DefaultModel.ALGORITHM;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--folds" -> folds = Integer.parseInt(args[++i]);
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--algorithm" -> algorithm = Algorithm.fromId(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    ModelParameters parameters = DefaultModel.parameters(algorithm);
    // optional overrides of the defaults, for comparing candidates
    com.commentshield.text.FeatureSettings fs = parameters.features();
    parameters =
        new ModelParameters(
            algorithm,
            new com.commentshield.text.FeatureSettings(
                fs.bits(),
                Integer.getInteger("cv.charMin", fs.charMin()),
                Integer.getInteger("cv.charMax", fs.charMax()),
                fs.wordBigrams()),
            parameters.complementNaiveBayes(),
            parameters.smoothing(),
            Boolean.parseBoolean(
                System.getProperty("cv.presence", String.valueOf(parameters.presenceOnly()))),
            Double.parseDouble(
                System.getProperty("cv.lambda", String.valueOf(parameters.lambda()))),
            parameters.maxIterations(),
            parameters.calibrationFolds());
    System.out.println(parameters.describe());
    long started = System.nanoTime();
    double sum = 0;
    StringBuilder line = new StringBuilder();
    for (Path file : files) {
      List<LabeledText> rows = LabeledTsv.read(file);
      int[] y = rows.stream().mapToInt(LabeledText::label).toArray();
      double mccSum = 0;
      long fp = 0;
      long fn = 0;
      long blocked = 0;
      long ham = 0;
      for (int r = 0; r < repeats; r++) {
        int[] fold = Trainer.stratifiedFolds(y, folds, 1000L + r);
        for (int f = 0; f < folds; f++) {
          List<LabeledText> train = new ArrayList<>();
          List<LabeledText> test = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            (fold[i] == f ? test : train).add(rows.get(i));
          }
          Trainer trainer = new Trainer(parameters);
          SpamModel model = trainer.train(train);
          Featurizer featurizer = trainer.featurizer();
          double[] p = new double[test.size()];
          int[] labels = new int[test.size()];
          for (int i = 0; i < test.size(); i++) {
            p[i] = model.spamProbability(featurizer.featurize(test.get(i).comment()));
            labels[i] = test.get(i).label();
            if (Boolean.getBoolean("cv.show") && r == 0 && (p[i] >= 0.5) != (labels[i] == 1)) {
              System.out.printf(
                  Locale.ROOT,
                  "  %s %.3f %s%n",
                  labels[i] == 1 ? "MISSED" : "FLAGGED",
                  p[i],
                  test.get(i).comment().content());
            }
            if (labels[i] == 0) {
              ham++;
              blocked += p[i] >= 0.9 ? 1 : 0;
            }
          }
          Metrics m = Metrics.at(p, labels, 0.5);
          mccSum += m.mcc();
          fp += m.falsePositives();
          fn += m.falseNegatives();
        }
      }
      double mcc = mccSum / (folds * repeats);
      sum += mcc;
      String name = file.getFileName().toString().replace(".train.tsv", "");
      System.out.printf(
          Locale.ROOT,
          "%-22s mcc %.4f  fp %3d fn %3d  blocked ham %.2f%%%n",
          name,
          mcc,
          fp,
          fn,
          100.0 * blocked / ham);
      line.append(String.format(Locale.ROOT, " %.4f", mcc));
    }
    System.out.printf(
        Locale.ROOT,
        "MEAN %.4f |%s | %.0f s%n",
        sum / files.size(),
        line,
        (System.nanoTime() - started) / 1e9);
  }
}
