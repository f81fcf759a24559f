package com.commentshield.bench;

import com.commentshield.comment.Comment;
import com.commentshield.text.FeatureVector;
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
 * Featurize alone: the part of {@link ClassifyBenchmark} that does not depend on the learner, so
 * the two together show where the time goes.
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
public class FeaturizeBenchmark {

  /** As {@link ClassifyBenchmark#bits}. */
  @Param({"default"})
  public String bits;

  /** As {@link ClassifyBenchmark#charMax}. */
  @Param({"default"})
  public String charMax;

  @Param({"written", "synthetic"})
  public String comments;

  private Featurizer featurizer;
  private Comment[] set;
  private int next;
  private long ops;
  private final CpuLog cpu = new CpuLog();

  @Setup(Level.Trial)
  public void setUp() {
    featurizer = new Featurizer(BenchComments.features(bits, charMax));
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
  public FeatureVector featurize() {
    Comment c = set[next];
    next = next + 1 == set.length ? 0 : next + 1;
    ops++;
    return featurizer.featurize(c);
  }
}
