package com.commentshield.akismet;

import com.commentshield.akismet.ActivityCounters.Outcome;
import com.commentshield.classify.ClassificationService;
import com.commentshield.classify.ClassificationService.Submission;
import com.commentshield.classify.ClassifyResponse;
import com.commentshield.classify.FeedbackService;
import com.commentshield.comment.Comment;
import com.commentshield.comment.Decision;
import com.commentshield.comment.Label;
import com.commentshield.comment.Reason;
import com.commentshield.common.ClientKeys;
import com.commentshield.common.ClientProblem;
import com.commentshield.common.TooManyRequests;
import com.commentshield.moderation.ModerationService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The Akismet protocol mapped onto CommentShield: comment-check is {@code /classify} with the same
 * model, policy and queue; submit-spam and submit-ham are {@code /feedback}; the account calls
 * report the counts of {@link ActivityCounters}.
 */
@ApplicationScoped
public class AkismetService {

  private static final Logger LOG = Logger.getLogger(AkismetService.class);

  static final String NO_KEY =
      "Missing required field: api_key. Send your CommentShield API key as the api_key (or key)"
          + " field, or as the host name prefix KEY.rest.akismet.com.";
  static final String BAD_KEY =
      "Invalid API key: it is none of this CommentShield's API keys. An admin can issue one with"
          + " POST /admin/api-keys.";
  static final String NO_BLOG =
      "Missing required field: blog. Send the front page URL of your site, e.g."
          + " https://blog.example/.";
  static final String NO_USER_IP =
      "Missing required field: user_ip. Send the IP address of the comment's author.";

  /** An Akismet call: its fields and the key found in them or in the host name. */
  record Call(AkismetForm form, Optional<String> presentedKey) {}

  /** The client a call authenticated as, or why it was refused. */
  record Caller(String client, String refusal) {
    boolean valid() {
      return client != null;
    }
  }

  /**
   * A comment-check answer.
   *
   * @param spam whether the answer is {@code true}
   * @param discard whether the comment was blocked (Akismet's "pro tip: discard")
   * @param guid the id of this check, which a submission may send back
   * @param refusal why the answer is {@code invalid}, when it is
   */
  record Check(boolean spam, boolean discard, String guid, String refusal) {}

  /** Akismet's statistics of a key, as get-stats reports them. */
  record Stats(long spam, long ham, long missedSpam, long falsePositives, double accuracy) {}

  private final ClientKeys clientKeys;
  private final ClassificationService classification;
  private final ModerationService moderation;
  private final FeedbackService feedback;
  private final ActivityCounters counters;

  public AkismetService(
      ClientKeys clientKeys,
      ClassificationService classification,
      ModerationService moderation,
      FeedbackService feedback,
      ActivityCounters counters) {
    this.clientKeys = clientKeys;
    this.classification = classification;
    this.moderation = moderation;
    this.feedback = feedback;
    this.counters = counters;
  }

  /**
   * The client of the call's key, which takes one request from the client's rate limit.
   *
   * @throws TooManyRequests when the client is over its limit or the address guessed too often
   */
  Caller authenticate(Call call) {
    if (call.presentedKey().isEmpty()) {
      return new Caller(null, NO_KEY);
    }
    return switch (clientKeys.admit(call.presentedKey(), "the Akismet door")) {
      case ClientKeys.Admitted admitted -> new Caller(admitted.client(), null);
      case ClientKeys.Refused refused -> new Caller(null, BAD_KEY);
      case ClientKeys.TooMany tooMany ->
          throw new TooManyRequests(tooMany.retryAfter(), tooMany.detail());
    };
  }

  /** verify-key: the key is valid and the site named. */
  Caller verifyKey(Call call) {
    Caller caller = authenticate(call);
    if (caller.valid() && call.form().get("blog").isEmpty()) {
      return new Caller(null, NO_BLOG);
    }
    return caller;
  }

  /**
   * comment-check. Comments the policy sends to review or block are queued as {@code /classify}
   * queues them, under the guid handed back, unless the call is a test ({@code is_test}) or a
   * recheck of a comment already queued.
   */
  Check check(Call call) {
    String guid = UUID.randomUUID().toString();
    Caller caller = authenticate(call);
    AkismetComment comment = AkismetComment.from(call.form());
    String refusal = caller.valid() ? missingField(comment) : caller.refusal();
    if (refusal != null) {
      return new Check(false, false, guid, refusal);
    }
    String client = caller.client();
    Decision decision;
    if (comment.isAdministrator()) {
      // Akismet never calls a site administrator's comment spam; nothing to score or queue
      decision = Decision.ALLOW;
    } else {
      decision = decide(comment, client, comment.toSubmission(guid));
    }
    boolean spam = decision != Decision.ALLOW;
    if (!comment.test()) {
      counters.record(client, comment.site(), spam ? Outcome.SPAM : Outcome.HAM);
    }
    return new Check(spam, decision == Decision.BLOCK, guid, null);
  }

  private Decision decide(AkismetComment comment, String client, Submission submission) {
    Comment text = submission.comment();
    boolean queue =
        !comment.test()
            && !(comment.recheckReason() != null
                && moderation.findByContent(client, text.content(), text.permalink()).isPresent());
    Optional<Reason> forced = forcedSpam(comment);
    if (forced.isPresent()) {
      ClassifyResponse scored = classification.score(submission);
      List<Reason> reasons = new ArrayList<>();
      reasons.add(forced.get());
      if (scored.reasons() != null) {
        reasons.addAll(scored.reasons());
      }
      ClassifyResponse blocked =
          new ClassifyResponse(
              null,
              submission.externalId(),
              Decision.BLOCK,
              classification.forcedProbability(Decision.BLOCK),
              scored.modelVersion(),
              reasons);
      if (queue) {
        classification.queue(submission, blocked, client);
      }
      return Decision.BLOCK;
    }
    ClassifyResponse response =
        queue ? classification.classify(submission, client) : classification.score(submission);
    return response.decision();
  }

  /** Akismet's rules that beat the model: a filled honeypot and the documented test triggers. */
  private static Optional<Reason> forcedSpam(AkismetComment comment) {
    if (comment.honeypotFilled()) {
      return Optional.of(new Reason("rule", "honeypot field filled in", Reason.RULE_WEIGHT));
    }
    if (comment.isTestTrigger()) {
      return Optional.of(
          new Reason("rule", "Akismet test trigger (author or e-mail)", Reason.RULE_WEIGHT));
    }
    return Optional.empty();
  }

  /**
   * submit-spam and submit-ham. The comment is found by the guid comment-check handed out, else as
   * the newest queued item of this key with the same text (and permalink); a queued item gets the
   * verdict as {@code /feedback} gives it, otherwise the text becomes a labeled example. Test calls
   * are acknowledged and change nothing.
   *
   * @return why the call is refused, or empty when it is thanked for
   */
  Optional<String> submit(Call call, Label label) {
    Caller caller = authenticate(call);
    AkismetComment comment = AkismetComment.from(call.form());
    String refusal = caller.valid() ? missingField(comment) : caller.refusal();
    if (refusal != null) {
      return Optional.of(refusal);
    }
    if (comment.test()) {
      return Optional.empty();
    }
    String client = caller.client();
    Comment text = comment.toComment();
    Optional<Long> item =
        Optional.ofNullable(comment.guid())
            .flatMap(guid -> moderation.findByExternalId(client, guid))
            .or(() -> moderation.findByContent(client, text.content(), text.permalink()))
            .map(i -> i.id);
    try {
      feedback.report(client, item.orElse(null), null, text, label);
    } catch (ClientProblem nothingToLearn) {
      // neither a queued item nor any text: Akismet thanks for it all the same
      LOG.debugf("Akismet %s from %s carried no text and named no queued item", label.id(), client);
    }
    counters.record(
        client, comment.site(), label == Label.SPAM ? Outcome.MISSED_SPAM : Outcome.FALSE_POSITIVE);
    return Optional.empty();
  }

  /**
   * get-stats for {@code from}: {@code all} (the default), {@code 6-months}, {@code 60-days}
   * (counted by calendar month: this month and the two before) or a month {@code YYYY-MM}.
   */
  Stats stats(String client, String from) {
    YearMonth now = counters.thisMonth();
    String fromMonth =
        switch (from == null ? "all" : from) {
          case "6-months" -> now.minusMonths(5).toString();
          case "60-days" -> now.minusMonths(2).toString();
          default -> from != null && from.matches("\\d{4}-\\d{2}") ? from : null;
        };
    ActivityCounters.Totals t = counters.totals(client, fromMonth);
    long checked = t.calls();
    long wrong = Math.min(checked, t.missedSpam() + t.falsePositives());
    double accuracy =
        checked == 0 ? 100.0 : Math.round(10_000.0 * (checked - wrong) / checked) / 100.0;
    return new Stats(t.spam(), t.ham(), t.missedSpam(), t.falsePositives(), accuracy);
  }

  /** Comment checks with this key since the start of the month. */
  long usageThisMonth(String client) {
    return counters.totals(client, counters.currentMonth()).calls();
  }

  /** key-sites: the sites that used the key in {@code month} ({@code YYYY-MM}). */
  List<ActivityCounters.SiteCounts> sites(
      String client, String month, String filter, String order) {
    return counters.sites(client, month, filter, order);
  }

  /** {@code month} when it is a {@code YYYY-MM}, else the current month. */
  String monthOrCurrent(String month) {
    return month != null && month.matches("\\d{4}-\\d{2}") ? month : counters.currentMonth();
  }

  private static String missingField(AkismetComment comment) {
    if (comment.blog() == null) {
      return NO_BLOG;
    }
    if (comment.userIp() == null) {
      return NO_USER_IP;
    }
    return null;
  }
}
