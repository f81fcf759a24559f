package com.commentshield.bench;

import com.commentshield.model.Algorithm;
import com.commentshield.model.LabeledText;
import com.commentshield.model.ModelParameters;
import com.commentshield.model.SpamModel;
import com.commentshield.model.Trainer;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Training a model from scratch (featurizing included, calibration included, as a retrain does) on
 * a synthetic template corpus. One training per invocation; examples/s = size / time, which
 * bench/jmh computes from the score.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class TrainBenchmark {

  @Param({"naive-bayes", "logistic"})
  public String algorithm;

  @Param({"10000", "100000"})
  public int size;

  private List<LabeledText> corpus;
  private ModelParameters parameters;
  private long examples;
  private final CpuLog cpu = new CpuLog();

  @Setup(Level.Trial)
  public void setUp() {
    corpus = BenchComments.corpus(size, 20251123L);
    parameters = ModelParameters.defaults(Algorithm.fromId(algorithm));
  }

  /** CPU of the whole process: the trainer featurizes and fits on every core. */
  @Setup(Level.Iteration)
  public void startIteration() {
    cpu.start(examples, true);
  }

  @TearDown(Level.Iteration)
  public void stopIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpu.stop(examples, true, benchmark, iteration);
  }

  @Benchmark
  public SpamModel train() {
    SpamModel model = new Trainer(parameters).train(corpus);
    examples += corpus.size();
    return model;
  }
}
