package com.commentshield.memory;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Decision;
import com.commentshield.comment.Reason;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.examples.ExampleLabeled;
import com.commentshield.examples.ExampleRemoved;
import com.commentshield.examples.LabeledExamples;
import com.commentshield.text.TextFingerprint;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What this site has taught the service, held in memory on every instance so that classifying reads
 * no database: judged comments by fingerprint (exact and near-copies), reputation of the keys their
 * verdicts counted towards, trusted authors, and the allow and deny lists.
 *
 * <p>Every labeled example reaches it: at start the newest {@code memory.capacity} from the
 * database, then this instance's own at once (after their commit), and the other instances' within
 * one sync period. Beyond capacity the oldest are forgotten, with everything they added.
 */
@ApplicationScoped
public class SiteMemory {

  private static final Logger LOG = Logger.getLogger(SiteMemory.class);

  /** Examples re-read behind the newest seen, for transactions that committed out of id order. */
  private static final int LOOK_BACK = 500;

  private static final int SYNC_BATCH = 5000;

  /**
   * What the memory says of a comment.
   *
   * @param forced the decision a list or a remembered verdict imposes, or null
   * @param rule the reason for {@code forced}, or null
   * @param signals reputation signals, strongest first
   * @param logOdds the reputation signals' sum, added to the model's log-odds
   * @param trustedAuthor why the author is trusted (the model alone may not block), or null
   * @param reputationMayBlock whether reputation may carry a comment into block: only a key judged
   *     spam {@value #ONE_SIDED} times or more and never ham. Verdicts are given on flagged
   *     comments, so a common domain (a video site, a code host) collects spam verdicts while the
   *     ordinary comments linking it pass unjudged; mixed evidence therefore sends to review at
   *     most.
   */
  public record Assessment(
      Decision forced,
      Reason rule,
      List<Reason> signals,
      double logOdds,
      String trustedAuthor,
      boolean reputationMayBlock) {
    public static final Assessment NONE = new Assessment(null, null, List.of(), 0, null, false);
  }

  /** Spam verdicts, with no ham, from which a key's reputation alone may block. */
  static final int ONE_SIDED = 3;

  private final CommentShieldConfig config;
  private final LabeledExamples examples;
  private final Lists lists;
  private final VerdictMemory verdicts;
  private final Reputation reputation;
  private final Map<String, int[]> authors = new ConcurrentHashMap<>();
  private final LinkedHashMap<Long, Remembered> byId = new LinkedHashMap<>();
  private final Map<Long, Remembered> byItem = new HashMap<>();
  private long newestSeen;
  private long forgottenUpTo;
  private volatile boolean loaded;
  private volatile boolean stopping;

  public SiteMemory(CommentShieldConfig config, LabeledExamples examples, Lists lists) {
    this.config = config;
    this.examples = examples;
    this.lists = lists;
    this.verdicts = new VerdictMemory(config.memory().nearCopySimilarity());
    this.reputation = new Reputation(config.reputation().halfLife());
  }

  void onStart(@Observes StartupEvent event) {
    if (config.memory().enabled()) {
      catchUp();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "{commentshield.sync.every}",
      delayed = "{commentshield.sync.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sync() {
    if (!stopping && config.memory().enabled()) {
      catchUp();
      lists.reload();
    }
  }

  /** This instance's own labels, as soon as they are committed. */
  void onLabeled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExampleLabeled labeled) {
    if (config.memory().enabled()) {
      labeled.examples().forEach(this::learn);
    }
  }

  /** Reads the examples written since the newest this instance has seen. */
  public void catchUp() {
    try {
      if (!loaded) {
        examples.newest(config.memory().capacity()).forEach(this::learn);
        loaded = true;
      }
      List<ExampleLabeled.Example> batch;
      do {
        long from;
        synchronized (this) {
          from = Math.max(forgottenUpTo, newestSeen - LOOK_BACK);
        }
        batch = examples.after(from, SYNC_BATCH);
        batch.forEach(this::learn);
      } while (batch.size() == SYNC_BATCH && !stopping);
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warnf("Could not read new labeled examples (will retry): %s", e.getMessage());
      }
    }
  }

  /**
   * Remembers one labeled example; a later verdict on the same queued item replaces the earlier.
   */
  synchronized void learn(ExampleLabeled.Example example) {
    if (byId.containsKey(example.exampleId()) || example.exampleId() <= forgottenUpTo) {
      return;
    }
    newestSeen = Math.max(newestSeen, example.exampleId());
    if (example.itemId() != null) {
      Remembered earlier = byItem.get(example.itemId());
      if (earlier != null) {
        if (earlier.id() > example.exampleId()) {
          return;
        }
        forget(earlier);
      }
    }
    Comment comment = example.comment();
    Remembered r =
        new Remembered(
            example,
            TextFingerprint.of(comment.content(), config.memory().nearCopyMinLength()),
            ReputationKeys.of(comment),
            ReputationKeys.author(comment));
    byId.put(r.id(), r);
    if (example.itemId() != null) {
      byItem.put(example.itemId(), r);
    }
    verdicts.add(r);
    count(r, 1);
    while (byId.size() > config.memory().capacity()) {
      Remembered oldest = byId.values().iterator().next();
      forgottenUpTo = Math.max(forgottenUpTo, oldest.id());
      forget(oldest);
    }
  }

  /**
   * A verdict a moderator took back is forgotten here at once; other instances, which follow
   * examples by id, forget it when they next start.
   */
  synchronized void onRemoved(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) ExampleRemoved removed) {
    Remembered r = byId.get(removed.exampleId());
    if (r != null) {
      forget(r);
    }
  }

  private void forget(Remembered r) {
    byId.remove(r.id());
    if (r.example().itemId() != null) {
      byItem.remove(r.example().itemId(), r);
    }
    verdicts.remove(r);
    count(r, -1);
  }

  private void count(Remembered r, int sign) {
    Instant at = r.example().labeledAt().toInstant();
    for (String key : r.reputationKeys()) {
      reputation.add(key, r.spam(), at, sign);
    }
    if (r.author() != null) {
      authors.compute(
          r.author(),
          (k, old) -> {
            int[] c = old == null ? new int[2] : old.clone();
            c[r.spam() ? 1 : 0] += sign;
            return c[0] <= 0 && c[1] <= 0 ? null : c;
          });
    }
  }

  /** How many judged comments this instance remembers. */
  public synchronized int remembered() {
    return byId.size();
  }

  /** What lists, remembered verdicts, reputation and trust say of a comment. */
  public Assessment assess(Comment comment) {
    if (!config.memory().enabled()) {
      return Assessment.NONE;
    }
    Optional<ListSnapshot.Entry> listed = lists.current().match(comment);
    if (listed.isPresent()) {
      ListSnapshot.Entry e = listed.get();
      return new Assessment(
          e.deny() ? Decision.BLOCK : Decision.ALLOW,
          new Reason("rule", e.describe(), e.deny() ? Reason.RULE_WEIGHT : -Reason.RULE_WEIGHT),
          List.of(),
          0,
          null,
          false);
    }
    if (verdicts.size() == 0) {
      return Assessment.NONE;
    }
    TextFingerprint fp = TextFingerprint.of(comment.content(), config.memory().nearCopyMinLength());
    Optional<VerdictMemory.Match> match = verdicts.match(fp);
    if (match.isPresent()) {
      VerdictMemory.Match m = match.get();
      boolean spam = m.judged().spam();
      return new Assessment(
          spam ? Decision.BLOCK : Decision.ALLOW,
          new Reason("memory", describe(m), spam ? Reason.RULE_WEIGHT : -Reason.RULE_WEIGHT),
          List.of(),
          0,
          null,
          false);
    }
    return reputationOf(comment);
  }

  private Assessment reputationOf(Comment comment) {
    Instant now = Instant.now();
    double max = config.reputation().maxWeight();
    List<Reason> signals = new ArrayList<>();
    double sum = 0;
    boolean mayBlock = false;
    for (String key : ReputationKeys.of(comment)) {
      Reputation.Counts c = reputation.at(key, now);
      if (c == null) {
        continue;
      }
      double w = Math.max(-max, Math.min(max, c.logOdds()));
      if (Math.abs(w) < 0.05) {
        continue;
      }
      sum += w;
      mayBlock |= w > 0 && c.hamVerdicts() == 0 && c.spamVerdicts() >= ONE_SIDED;
      signals.add(
          new Reason(
              "signal",
              String.format(
                  Locale.ROOT,
                  "%s: %d %s judged spam, %d ham",
                  key,
                  c.spamVerdicts(),
                  c.spamVerdicts() == 1 ? "comment" : "comments",
                  c.hamVerdicts()),
              Math.round(w * 1000) / 1000.0));
    }
    signals.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.weight())));
    String trusted = trustOf(comment);
    if (signals.isEmpty() && trusted == null) {
      return Assessment.NONE;
    }
    return new Assessment(null, null, List.copyOf(signals), sum, trusted, mayBlock);
  }

  private String trustOf(Comment comment) {
    int needed = config.trust().afterApproved();
    String key = ReputationKeys.author(comment);
    if (needed <= 0 || key == null) {
      return null;
    }
    int[] c = authors.get(key);
    if (c == null || c[1] > 0 || c[0] < needed) {
      return null;
    }
    return "trusted author: " + c[0] + " comments judged ham, none spam";
  }

  private static String describe(VerdictMemory.Match m) {
    ExampleLabeled.Example e = m.judged().example();
    String which = e.itemId() != null ? "#" + e.itemId() : "labeled example " + e.exampleId();
    String how =
        m.exact()
            ? "same text as " + which
            : String.format(
                Locale.ROOT, "near-copy (%.0f%% alike) of %s", m.similarity() * 100, which);
    return how
        + ", judged "
        + (e.spam() ? "spam" : "ham")
        + " by "
        + e.source().id()
        + (e.labeledBy() == null || e.labeledBy().isBlank() ? "" : " " + e.labeledBy())
        + " on "
        + day(e.labeledAt());
  }

  private static String day(OffsetDateTime at) {
    return at == null ? "?" : at.format(DateTimeFormatter.ISO_LOCAL_DATE);
  }
}
