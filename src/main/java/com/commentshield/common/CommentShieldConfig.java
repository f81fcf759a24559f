package com.commentshield.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service's own settings, under the {@code commentshield.} prefix.
 *
 * <p>The ranges of the keys are checked when the configuration is read, before anything starts
 * ({@link ConfigChecks}): a value out of range stops the start with one line naming the key and
 * what it may be.
 */
@ConfigMapping(prefix = "commentshield")
public interface CommentShieldConfig {

  /**
   * Directory for the embedded database and other local state: an absolute path, or one starting
   * with {@code ./} or {@code ../} (relative to the working directory).
   */
  @WithDefault("./data")
  String dataDir();

  /**
   * API keys that client systems may present in {@code X-Api-Key}, comma-separated. When none is
   * configured, the service creates one at first start, stores its hash and prints it once.
   */
  Optional<List<String>> apiKeys();

  /**
   * Password of the user {@code admin} (roles admin and moderator). When unset, a random one is
   * created at first start, stored hashed and printed once.
   */
  Optional<String> adminPassword();

  /** Password of the user {@code moderator}; generated at first start when unset. */
  Optional<String> moderatorPassword();

  /** How long personal data of queued comments is kept. */
  Retention retention();

  /** The model trained at start-up. */
  ModelSettings model();

  /** Probability thresholds that map a score to a decision. */
  Policy policy();

  /** The explanation attached to every answer. */
  Reasons reasons();

  /** Test strings that force a decision, for smoke tests of a deployment. */
  Canary canary();

  /** Retention settings. */
  interface Retention {
    /**
     * Days after which the IP address, e-mail address and user agent of stored comments are erased;
     * the labeled text stays for training.
     */
    @WithDefault("30")
    int personalDataDays();

    /** How often the retention job runs, e.g. {@code 1h}. */
    @WithDefault("1h")
    String checkEvery();
  }

  /**
   * How many requests one API key may send. (Named here so that a problem with one of its keys
   * names it as it is written, {@code rate-limit}.)
   */
  @WithName("rate-limit")
  RateLimit rateLimit();

  /** Rate-limit settings. */
  interface RateLimit {
    /** Average requests per second one API key may send; 0 turns the limit off. */
    @WithDefault("200")
    double requestsPerSecond();

    /** Requests one API key may send at once before the average applies. */
    @WithDefault("400")
    int burst();
  }

  /** Retraining settings. */
  Retrain retrain();

  /** Retraining settings. */
  interface Retrain {
    /**
     * How much higher the new model's log-loss on the most recent labels (that neither model
     * learned from) may be than the active model's for it still to be activated.
     */
    @WithDefault("0.0")
    double gateMargin();

    /**
     * Retraining starts by itself once this many labels (verdicts, feedback, imports) arrived since
     * the active model was trained; 0 turns automatic retraining off. One instance runs it.
     */
    @WithDefault("50")
    int afterLabels();

    /**
     * How many times a label from the site weighs as much as a shipped example in training: the
     * site's few hundred verdicts would otherwise be outnumbered by the shipped corpus.
     */
    @WithDefault("3")
    double siteWeight();

    /**
     * How much lower the new model's MCC on the shipped held-out comments may be than the active
     * model's: the floor that keeps a retrain from forgetting the basics.
     */
    @WithDefault("0.05")
    double floorMargin();
  }

  /** The site's memory of judged comments: verdicts, reputation, lists, trusted authors. */
  Memory memory();

  /** Memory settings. */
  interface Memory {
    /** Whether judged comments, reputation, lists and trust take part in decisions. */
    @WithDefault("true")
    boolean enabled();

    /** How many judged comments each instance remembers; the oldest are forgotten first. */
    @WithDefault("100000")
    int capacity();

    /**
     * Estimated Jaccard similarity of four-character shingles from which a comment is a near-copy
     * of a judged one.
     */
    @WithDefault("0.45")
    double nearCopySimilarity();

    /** Normalised length below which only exact copies count (short texts are too alike). */
    @WithDefault("30")
    int nearCopyMinLength();
  }

  /** Reputation of link domains, e-mail addresses, IP addresses and names from verdicts. */
  Reputation reputation();

  /** Reputation settings. */
  interface Reputation {
    /** The age at which a verdict counts half. */
    @WithDefault("30d")
    Duration halfLife();

    /** The largest log-odds one reputation signal may add or take away. */
    @WithDefault("4.0")
    double maxWeight();
  }

  /** Trusted authors. */
  Trust trust();

  /** Trust settings. */
  interface Trust {
    /**
     * Comments from one e-mail address on one site judged ham, with none judged spam, after which
     * the model alone no longer blocks that author (at most review); 0 turns trust off.
     */
    @WithDefault("3")
    int afterApproved();
  }

  /** How instances sharing a database keep up with each other. */
  Sync sync();

  /** Sync settings. */
  interface Sync {
    /** How often an instance checks for a newly activated model or a changed policy. */
    @WithDefault("5s")
    String every();
  }

  /**
   * Online learning: each moderator verdict updates the active naive Bayes model at once (the next
   * full retraining supersedes it).
   */
  OnlineLearning onlineLearning();

  /** Online-learning settings. */
  interface OnlineLearning {
    /** Whether verdicts update the active model at once; off by default. */
    @WithDefault("false")
    boolean enabled();
  }

  /** Model settings. */
  interface ModelSettings {
    /** The learner of the default model: {@code logistic} or {@code naive-bayes}. */
    @WithDefault("logistic")
    String algorithm();
  }

  /** Decision thresholds: below review is allow, from block up is block. */
  interface Policy {
    /** Spam probability from which a comment is held for review. */
    @WithDefault("0.5")
    double review();

    /** Spam probability from which a comment is blocked. */
    @WithDefault("0.9")
    double block();
  }

  /** What a threshold may be. */
  String PROBABILITY = "must be a probability above 0 and at most 1";

  /** Reasons settings. */
  interface Reasons {
    /** How many features and signals an answer names at most. */
    @WithDefault("6")
    int max();
  }

  /** Canary settings. */
  interface Canary {
    /**
     * Whether a comment holding {@code COMMENTSHIELD-TEST-BLOCK}, {@code -REVIEW} or {@code -ALLOW}
     * gets that decision regardless of the model. Off in production.
     */
    @WithDefault("false")
    boolean enabled();
  }

  /** What the HTTP server asks of a connection. */
  Http http();

  /** HTTP edge settings. */
  interface Http {
    /**
     * How long a client has to send a complete request line and headers, counted from connecting or
     * from the first byte of its next request on a kept-alive connection; past it the connection
     * gets a 408 and is closed.
     */
    @WithDefault("10s")
    Duration requestHeaderTimeout();
  }

  /** Outgoing webhooks, sent from the outbox. */
  Webhooks webhooks();

  /** Webhook settings. */
  interface Webhooks {
    /** How long a delivery is retried while its receiver fails or is down (at least a day). */
    @WithDefault("72h")
    Duration retryFor();

    /** The wait before the first retry of a failed delivery; it doubles up to an hour. */
    @WithDefault("10s")
    Duration firstRetry();

    /** How long a receiver has to answer a delivery. */
    @WithDefault("10s")
    Duration timeout();

    /** Deliveries this instance sends at the same time. */
    @WithDefault("4")
    int concurrency();

    /**
     * Whether webhook URLs may point at this machine (loopback addresses); off, so that a webhook
     * cannot reach services that listen only locally.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** Days events are kept for the verdict feed and the delivery log. */
    @WithDefault("30")
    int keepDays();
  }

  /** Throttling of failed logins and wrong API keys. */
  @WithName("auth-throttle")
  AuthThrottle authThrottle();

  /**
   * Failed logins (HTTP Basic, the login form) and wrong API keys are counted per user name and per
   * client address; past {@code burst} failures, further attempts are answered 429 with Retry-After
   * (the login form shows the error) until the count has drained at {@code per-minute}.
   */
  interface AuthThrottle {
    /** Failed attempts one user name or one client address may make at once. */
    @WithDefault("10")
    int burst();

    /** Failed attempts per minute allowed beyond the burst; 0 turns the throttle off. */
    @WithDefault("6")
    double perMinute();
  }

  /** The login session. */
  Session session();

  /** Session settings. */
  interface Session {
    /**
     * The key that encrypts the login-form session cookie (at least 16 characters). When unset, a
     * random key is created at first start and kept in {@code session.key} in the data directory;
     * instances that share logins must share the key. Never logged.
     */
    Optional<String> key();
  }
}
