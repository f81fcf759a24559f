package com.commentshield.tools;

import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.LabeledText;
import com.commentshield.model.LabeledTsv;
import com.commentshield.model.Metrics;
import com.commentshield.model.SpamModel;
import com.commentshield.model.Trainer;
import com.commentshield.model.TrainingPipeline;
import com.commentshield.text.FeatureVector;
import com.commentshield.text.Featurizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/evaluate}: trains on labeled TSV (or on the project's training data) and reports
 * quality and speed on another labeled TSV as one JSON line. Runs without the HTTP server.
 */
public final class EvaluateCommand {

  static final String USAGE =
      "usage: bin/evaluate [--train TRAIN.tsv] --test TEST.tsv "
          + "[--algorithm naive-bayes|logistic] [--threshold 0.5]\n"
          + "TSV: header row with columns 'label' (spam|ham) and 'text'; other columns ignored.\n"
          + "Without --train: the default model the service serves on a first start (built from\n"
          + "training-data/, a fifth held out for its evaluation and calibration).";

  private EvaluateCommand() {}

  public static void main(String[] args) {
    try {
      System.out.println(run(args));
    } catch (UsageException e) {
      System.err.println("evaluate: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("evaluate: " + e.getMessage());
      System.exit(1);
    }
  }

  static String run(String[] args) throws IOException {
    Path train = null;
    Path test = null;
    Algorithm algorithm = DefaultModel.ALGORITHM;
    double threshold = 0.5;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        throw new UsageException("help requested");
      }
      if (i + 1 >= args.length) {
        throw new UsageException("missing value after " + arg);
      }
      String value = args[++i];
      switch (arg) {
        case "--train" -> train = existing(value);
        case "--test" -> test = existing(value);
        case "--algorithm" -> {
          try {
            algorithm = Algorithm.fromId(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
        }
        case "--threshold" -> {
          try {
            threshold = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            throw new UsageException("--threshold needs a number, was '" + value + "'");
          }
          if (!(threshold > 0 && threshold <= 1)) {
            throw new UsageException("--threshold must be within (0, 1], was " + value);
          }
        }
        default -> throw new UsageException("unknown option " + arg);
      }
    }
    if (test == null) {
      throw new UsageException("--test is required");
    }
    List<LabeledText> testRows = LabeledTsv.read(test);
    if (testRows.isEmpty()) {
      throw new IllegalArgumentException(test + ": no rows to test on");
    }
    long started = System.nanoTime();
    Trained trained = train(train, algorithm);
    long trainMillis = (System.nanoTime() - started) / 1_000_000;
    SpamModel model = trained.model();
    int trainedOn = trained.examples();

    Featurizer featurizer = new Featurizer(model.parameters().features());
    double[] probability = new double[testRows.size()];
    int[] labels = new int[testRows.size()];
    for (int i = 0; i < testRows.size(); i++) {
      probability[i] = model.spamProbability(featurizer.featurize(testRows.get(i).comment()));
      labels[i] = testRows.get(i).label();
    }
    Metrics m = Metrics.at(probability, labels, threshold);
    double perSecond = classifyPerSecond(model, featurizer, testRows);
    return String.format(
        Locale.ROOT,
        "{\"algorithm\":\"%s\",\"n_train\":%d,\"n_test\":%d,\"accuracy\":%.4f,"
            + "\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"mcc\":%.4f,\"fpr\":%.4f,"
            + "\"train_ms\":%d,\"classify_per_second\":%.0f}",
        algorithm.id(),
        trainedOn,
        testRows.size(),
        m.accuracy(),
        m.precision(),
        m.recall(),
        m.f1(),
        m.mcc(),
        m.falsePositiveRate(),
        trainMillis,
        perSecond);
  }

  /** A model to evaluate, and how many examples it learned from. */
  record Trained(SpamModel model, int examples) {}

  /**
   * The model to evaluate: trained on {@code train} when given, otherwise the default model exactly
   * as the service serves it on a first start ({@link DefaultModel#served}), so that what this
   * command measures is what a new installation runs.
   */
  static Trained train(Path train, Algorithm algorithm) throws IOException {
    if (train == null) {
      DefaultModel.ShippedModel served =
          DefaultModel.served(
              algorithm, why -> System.err.println("evaluate: shipped model unreadable: " + why));
      TrainingPipeline.Result result = served.result();
      return new Trained(result.model(), result.examples() - result.evaluation().labels().length);
    }
    List<LabeledText> rows = LabeledTsv.read(train);
    return new Trained(new Trainer(DefaultModel.parameters(algorithm)).train(rows), rows.size());
  }

  /**
   * Featurize + score on one thread over the test rows, per second of that thread's CPU time (so
   * per core, and not skewed by whatever else the machine runs): first for a second to let the JIT
   * compile the hot path, then measured for two more.
   */
  private static double classifyPerSecond(
      SpamModel model, Featurizer featurizer, List<LabeledText> rows) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    classifyFor(1_000_000_000L, model, featurizer, rows);
    long cpuStarted = threads.getCurrentThreadCpuTime();
    long count = classifyFor(2_000_000_000L, model, featurizer, rows);
    return count / ((threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
  }

  /** Classifies the rows over and over for at least {@code nanos}; returns how many it did. */
  private static long classifyFor(
      long nanos, SpamModel model, Featurizer featurizer, List<LabeledText> rows) {
    long deadline = System.nanoTime() + nanos;
    long count = 0;
    double sink = 0;
    while (System.nanoTime() < deadline) {
      for (LabeledText row : rows) {
        FeatureVector v = featurizer.featurize(row.comment());
        sink += model.spamProbability(v);
        count++;
      }
    }
    if (sink < 0) { // keeps the JIT from discarding the work
      throw new AssertionError("negative probability");
    }
    return count;
  }

  private static Path existing(String value) {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new UsageException("cannot read " + value);
    }
    return path;
  }

  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}
