package com.commentshield.classify;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Decision;
import com.commentshield.comment.Reason;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.memory.SiteMemory;
import com.commentshield.models.ActiveModel;
import com.commentshield.models.ModelRegistry;
import com.commentshield.moderation.ModerationService;
import com.commentshield.moderation.QueuedComment;
import com.commentshield.policy.PolicyHolder;
import com.commentshield.text.FeatureVector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Scores comments with the active model and applies the decision policy. */
@ApplicationScoped
public class ClassificationService {

  /** Canary strings, GTUBE-style, that force a decision when canaries are enabled. */
  static final String CANARY_PREFIX = "COMMENTSHIELD-TEST-";

  /** Features of a comment of some 1,000 characters; see {@link #contributionsScratch}. */
  private static final int KEPT_CONTRIBUTIONS = 4096;

  private static final ThreadLocal<double[]> CONTRIBUTIONS =
      ThreadLocal.withInitial(() -> new double[KEPT_CONTRIBUTIONS]);

  private final ModelRegistry registry;
  private final PolicyHolder policy;
  private final CommentShieldConfig config;
  private final ModerationService moderation;
  private final SiteMemory memory;
  private final Timer latency;
  private final Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);

  public ClassificationService(
      ModelRegistry registry,
      PolicyHolder policy,
      CommentShieldConfig config,
      ModerationService moderation,
      SiteMemory memory,
      MeterRegistry meters) {
    this.registry = registry;
    this.memory = memory;
    this.moderation = moderation;
    this.policy = policy;
    this.config = config;
    this.latency =
        Timer.builder("commentshield.classify")
            .description("Time to featurize, score and explain one comment")
            .publishPercentileHistogram()
            .register(meters);
    for (Decision d : Decision.values()) {
      decisions.put(
          d,
          Counter.builder("commentshield.decisions")
              .description("Classification decisions")
              .tag("decision", d.id())
              .register(meters));
    }
  }

  /**
   * A comment a door hands in: the comment and the calling system's id for it.
   *
   * @param comment the comment
   * @param externalId the caller's id, echoed in the answer and stored with a queued item
   */
  public record Submission(Comment comment, String externalId) {}

  /**
   * Classifies one comment; a comment sent to review or block is queued for moderators, and is
   * durable (committed, or spooled while the database is unreachable) before the answer returns.
   *
   * @param client the API client asking, stored with queued items
   */
  public ClassifyResponse classify(Submission submission, String client) {
    ClassifyResponse response = scoreAndCount(submission);
    return response.decision() == Decision.ALLOW
        ? response
        : response.withId(moderation.queue(toQueue(submission, response, client)));
  }

  /**
   * Queues a comment with an answer decided elsewhere (a rule of a door that beats the model);
   * returns its queue id, null while the database is unreachable (it waits in the spool).
   */
  public Long queue(Submission submission, ClassifyResponse decided, String client) {
    return moderation.queue(toQueue(submission, decided, client));
  }

  /**
   * The same as {@link #classify} without blocking the caller: scoring runs on the calling thread
   * (it is pure computation); a flagged comment is handed to the queue writer, and the answer is
   * emitted back on the caller's event loop once the item is durable.
   */
  public Uni<ClassifyResponse> classifyOffLoop(Submission submission, String client) {
    ClassifyResponse response = scoreAndCount(submission);
    if (response.decision() == Decision.ALLOW) {
      return Uni.createFrom().item(response);
    }
    return onCallersContext(
        moderation.queueAsync(toQueue(submission, response, client)).thenApply(response::withId));
  }

  /** Like {@link #classifyOffLoop} for a batch: answered when every flagged comment is durable. */
  public Uni<List<ClassifyResponse>> classifyAllOffLoop(
      List<Submission> submissions, String client) {
    List<ClassifyResponse> responses = new ArrayList<>(submissions.size());
    List<CompletableFuture<Void>> queued = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      ClassifyResponse response = scoreAndCount(submissions.get(i));
      responses.add(response);
      if (response.decision() != Decision.ALLOW) {
        int at = i;
        queued.add(
            moderation
                .queueAsync(toQueue(submissions.get(i), response, client))
                .thenAccept(id -> responses.set(at, response.withId(id))));
      }
    }
    if (queued.isEmpty()) {
      return Uni.createFrom().item(responses);
    }
    return onCallersContext(
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))
            .thenApply(v -> responses));
  }

  /**
   * The queue writer completes futures on its own thread; writing the answer there would slow every
   * other caller's commit, so the result moves back to the caller's event loop.
   */
  private static <T> Uni<T> onCallersContext(CompletableFuture<T> stage) {
    Context context = Vertx.currentContext();
    Uni<T> result = Uni.createFrom().completionStage(stage);
    return context == null
        ? result.emitOn(Infrastructure.getDefaultWorkerPool())
        : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
  }

  private static QueuedComment toQueue(
      Submission submission, ClassifyResponse response, String client) {
    return new QueuedComment(
        submission.comment(),
        submission.externalId(),
        client,
        response.decision(),
        response.spamProbability(),
        response.modelVersion(),
        response.reasons());
  }

  private ClassifyResponse scoreAndCount(Submission submission) {
    long started = System.nanoTime();
    ClassifyResponse response = decide(submission);
    latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    decisions.get(response.decision()).increment();
    return response;
  }

  /** Scores a comment without queueing it, for callers that queue it their own way. */
  public ClassifyResponse score(Submission submission) {
    return decide(submission);
  }

  private ClassifyResponse decide(Submission submission) {
    Comment comment = submission.comment();
    Optional<Decision> canary = canary(comment.content());
    Optional<ActiveModel> loaded = registry.current();
    if (loaded.isEmpty()) {
      return new ClassifyResponse(
          null,
          submission.externalId(),
          canary.orElse(Decision.REVIEW),
          null,
          null,
          List.of(new Reason("policy", "no model loaded: held for review", 0)));
    }
    ActiveModel active = loaded.get();
    SiteMemory.Assessment memo =
        canary.isPresent() ? SiteMemory.Assessment.NONE : memory.assess(comment);
    if (memo.forced() != null) {
      // a list entry or a remembered verdict decides alone, with the probability it forces
      return new ClassifyResponse(
          null,
          submission.externalId(),
          memo.forced(),
          memo.forced() == Decision.ALLOW ? 0.0 : 1.0,
          active.version(),
          List.of(memo.rule()));
    }
    FeatureVector features = active.featurizer().featurize(comment);
    double[] contributions = contributionsScratch(features.size());
    double modelProbability = active.model().spamProbability(features, contributions);
    if (canary.isPresent()) {
      // the rule decides: its probability and its reason, in the decision's direction, come first
      Decision forced = canary.get();
      return new ClassifyResponse(
          null,
          submission.externalId(),
          forced,
          forcedProbability(forced),
          active.version(),
          List.of(
              new Reason(
                  "rule",
                  "canary string " + CANARY_PREFIX + forced.name(),
                  forced == Decision.ALLOW ? -Reason.RULE_WEIGHT : Reason.RULE_WEIGHT)));
    }
    double probability =
        memo.logOdds() == 0 ? modelProbability : shift(modelProbability, memo.logOdds());
    Decision decision = policy.current().decide(probability);
    List<Reason> reasons =
        Explainer.reasons(
            active.featurizer(),
            features,
            contributions,
            decision != Decision.ALLOW,
            config.reasons().max());
    if (decision == Decision.BLOCK
        && !memo.reputationMayBlock()
        && policy.current().decide(modelProbability) != Decision.BLOCK) {
      // mixed reputation raised a comment the model alone would not block: a moderator decides
      decision = Decision.REVIEW;
    }
    if (memo.trustedAuthor() != null && decision == Decision.BLOCK) {
      decision = Decision.REVIEW;
      reasons = withFirst(List.of(new Reason("policy", memo.trustedAuthor(), 0)), reasons);
    }
    if (!memo.signals().isEmpty()) {
      reasons = withFirst(memo.signals(), reasons);
    }
    return new ClassifyResponse(
        null, submission.externalId(), decision, round(probability), active.version(), reasons);
  }

  /** The reputation signals (or a trust note) first, then the model's, at most the configured. */
  private List<Reason> withFirst(List<Reason> first, List<Reason> rest) {
    List<Reason> merged = new ArrayList<>(first.size() + rest.size());
    merged.addAll(first);
    merged.addAll(rest);
    int max = Math.max(config.reasons().max(), first.size());
    return List.copyOf(merged.subList(0, Math.min(max, merged.size())));
  }

  /** The model's probability moved by reputation's log-odds. */
  private static double shift(double p, double logOdds) {
    double clamped = Math.min(1 - 1e-12, Math.max(1e-12, p));
    double z = Math.log(clamped / (1 - clamped)) + logOdds;
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * A buffer for the features' shares of one decision, kept per thread: a new one per request (10
   * KB for a 300-character comment) was the largest single allocation of a classification. A long
   * comment gets one of its own rather than leave a large buffer behind on every thread.
   */
  private static double[] contributionsScratch(int size) {
    return size <= KEPT_CONTRIBUTIONS ? CONTRIBUTIONS.get() : new double[size];
  }

  private Optional<Decision> canary(String content) {
    if (!config.canary().enabled() || content == null) {
      return Optional.empty();
    }
    int at = content.indexOf(CANARY_PREFIX);
    if (at < 0) {
      return Optional.empty();
    }
    String rest = content.substring(at + CANARY_PREFIX.length());
    for (Decision d : Decision.values()) {
      if (rest.startsWith(d.name())) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The spam probability a rule's decision stands for: 1 for block, 0 for allow, and for review the
   * review threshold (the least probability that is reviewed).
   */
  public double forcedProbability(Decision forced) {
    return switch (forced) {
      case BLOCK -> 1.0;
      case ALLOW -> 0.0;
      case REVIEW -> policy.current().review();
    };
  }

  private static double round(double p) {
    return Math.round(p * 1_000_000) / 1_000_000.0;
  }
}
