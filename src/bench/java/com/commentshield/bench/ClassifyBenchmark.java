package com.commentshield.bench;

import com.commentshield.comment.Comment;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.ModelParameters;
import com.commentshield.model.SpamModel;
import com.commentshield.model.Trainer;
import com.commentshield.text.FeatureSettings;
import com.commentshield.text.Featurizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Featurize + score one comment, as {@code POST /classify} does per request: the default model
 * (trained on {@code training-data/}), a rotating set of about 300-character comments, one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class ClassifyBenchmark {

  @Param({"naive-bayes", "logistic"})
  public String algorithm;

  /** {@code written}: realistic comments, some spam; {@code synthetic}: random words. */
  @Param({"written", "synthetic"})
  public String comments;

  /**
   * The hashed space has 2^bits dimensions: a smaller one keeps the count and weight tables closer
   * to the core (issue 17's layout experiment; the service uses {@link FeatureSettings#DEFAULT}).
   */
  @Param({"default"})
  public String bits;

  /** The longest character n-gram: fewer lengths, fewer features per comment. */
  @Param({"default"})
  public String charMax;

  private SpamModel model;
  private Featurizer featurizer;
  private Comment[] set;
  private int next;
  private long ops;
  private final CpuLog cpu = new CpuLog();

  @Setup(Level.Trial)
  public void setUp() {
    ModelParameters parameters =
        ModelParameters.defaults(Algorithm.fromId(algorithm))
            .withFeatures(BenchComments.features(bits, charMax));
    model = new Trainer(parameters).train(DefaultTrainingData.load());
    featurizer = new Featurizer(parameters.features());
    set = BenchComments.comments(comments);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    cpu.start(ops, false);
  }

  @TearDown(Level.Iteration)
  public void stopIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpu.stop(ops, false, benchmark, iteration);
  }

  @Benchmark
  public double featurizeAndScore() {
    Comment c = set[next];
    next = next + 1 == set.length ? 0 : next + 1;
    ops++;
    return model.spamProbability(featurizer.featurize(c));
  }
}
