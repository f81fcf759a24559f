package com.commentshield.memory;

import com.commentshield.bench.BenchComments;
import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.comment.Label;
import com.commentshield.examples.ExampleLabeled;
import com.commentshield.examples.ExampleSource;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.LabeledText;
import com.commentshield.model.ModelParameters;
import com.commentshield.model.SpamModel;
import com.commentshield.model.Trainer;
import com.commentshield.text.Featurizer;
import com.commentshield.text.TextFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the site's memory adds to classifying one comment: {@code modelOnly} is featurize + score
 * (the path without memory), {@code withMemory} adds what {@code SiteMemory.assess} does when the
 * comment matches nothing (the common case and the most work): fingerprint, near-copy look-up in
 * {@code remembered} judged comments, and the reputation of its keys. One thread, so throughput is
 * CPU per comment.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class MemoryBenchmark {

  @Param({"10000"})
  public int remembered;

  private SpamModel model;
  private Featurizer featurizer;
  private Comment[] set;
  private int next;
  private VerdictMemory verdicts;
  private Reputation reputation;

  @Setup(Level.Trial)
  public void setUp() {
    ModelParameters parameters = ModelParameters.defaults(Algorithm.LOGISTIC);
    model = new Trainer(parameters).train(DefaultTrainingData.load());
    featurizer = new Featurizer(parameters.features());
    Comment[] written = BenchComments.comments("written");
    set = new Comment[written.length];
    for (int i = 0; i < written.length; i++) {
      set[i] =
          new Comment(
              written[i].content(),
              new Author("reader " + i, "reader" + i + "@mail.example.org", null),
              new CommentContext("blog.example", null, "198.51.100." + (i % 250), null, null));
    }
    verdicts = new VerdictMemory(0.45);
    reputation = new Reputation(Duration.ofDays(30));
    List<LabeledText> judged = BenchComments.corpus(remembered, 7);
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < judged.size(); i++) {
      LabeledText t = judged.get(i);
      Comment c =
          new Comment(
              t.comment().content(),
              new Author("author " + i, "a" + i + "@site" + (i % 300) + ".example", null),
              new CommentContext(
                  "blog.example", null, "203.0." + (i % 200) + "." + (i % 250), null, null));
      ExampleLabeled.Example e =
          new ExampleLabeled.Example(
              i + 1, null, c, t.spam() ? Label.SPAM : Label.HAM, ExampleSource.MODERATOR, "m", at);
      Remembered r =
          new Remembered(
              e,
              TextFingerprint.of(c.content(), 30),
              ReputationKeys.of(c),
              ReputationKeys.author(c));
      verdicts.add(r);
      for (String key : r.reputationKeys()) {
        reputation.add(key, r.spam(), at.toInstant(), 1);
      }
    }
  }

  private Comment nextComment() {
    Comment c = set[next];
    next = next + 1 == set.length ? 0 : next + 1;
    return c;
  }

  @Benchmark
  public double modelOnly() {
    return model.spamProbability(featurizer.featurize(nextComment()));
  }

  @Benchmark
  public double withMemory() {
    Comment c = nextComment();
    double shift = 0;
    if (verdicts.match(TextFingerprint.of(c.content(), 30)).isEmpty()) {
      Instant now = Instant.now();
      for (String key : ReputationKeys.of(c)) {
        Reputation.Counts counts = reputation.at(key, now);
        if (counts != null) {
          shift += counts.logOdds();
        }
      }
    }
    return model.spamProbability(featurizer.featurize(c)) + shift;
  }
}
