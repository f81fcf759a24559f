package com.commentshield.common;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ranges of the {@code commentshield.} keys ({@link CommentShieldConfig}), checked when the
 * configuration is read, before anything starts: every value out of range is one problem naming the
 * key and what it may be, and together they stop the start.
 *
 * <p>Written out here rather than as Bean Validation constraints on the mapping: with a constraint
 * on any mapping, Quarkus builds a Hibernate Validator over every configuration class of every
 * extension (166 of them) at each start, which cost a quarter of the start's main thread and
 * seconds of JIT compilation, to check these few values. Registered with SmallRye Config in {@code
 * META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer}.
 */
public final class ConfigChecks implements SmallRyeConfigBuilderCustomizer, ConfigValidator {

  private static final Pattern DATA_DIR = Pattern.compile("(/|\\./|\\.\\./).*");
  private static final Pattern ALGORITHM = Pattern.compile("logistic|naive-bayes");

  @Override
  public void configBuilder(SmallRyeConfigBuilder builder) {
    builder.withValidator(this);
  }

  @Override
  public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject) {
    if (!(mappingObject instanceof CommentShieldConfig config)) {
      return;
    }
    List<String> problems = problems(prefix, config);
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(
          problems.stream()
              .map(ConfigValidationException.Problem::new)
              .toArray(ConfigValidationException.Problem[]::new));
    }
  }

  /** One line per value out of range: the key, a space, what it may be. */
  static List<String> problems(String prefix, CommentShieldConfig config) {
    Problems p = new Problems(prefix);
    p.check(
        "data-dir",
        DATA_DIR.matcher(config.dataDir()).matches(),
        "must be an absolute path or start with ./ or ../");
    p.check(
        "retention.personal-data-days",
        config.retention().personalDataDays() >= 1,
        "must be a whole number of days, at least 1");
    p.check(
        "rate-limit.requests-per-second",
        atLeast(config.rateLimit().requestsPerSecond(), 0),
        "must be 0 (no limit) or more");
    p.check("rate-limit.burst", config.rateLimit().burst() >= 1, "must be at least 1");
    double gateMargin = config.retrain().gateMargin();
    p.check("retrain.gate-margin", gateMargin >= 0 && gateMargin <= 1, "must be from 0 to 1");
    p.check(
        "model.algorithm",
        ALGORITHM.matcher(config.model().algorithm()).matches(),
        "must be logistic or naive-bayes");
    double review = config.policy().review();
    double block = config.policy().block();
    p.check("policy.review", probability(review), CommentShieldConfig.PROBABILITY);
    p.check("policy.block", probability(block), CommentShieldConfig.PROBABILITY);
    if (review > block) {
      p.add(
          "policy",
          "review must not be above block: set "
              + prefix
              + ".policy.review at most "
              + prefix
              + ".policy.block");
    }
    p.check("reasons.max", config.reasons().max() >= 0, "must be 0 or more");
    Duration headerTimeout = config.http().requestHeaderTimeout();
    p.check(
        "http.request-header-timeout",
        headerTimeout.compareTo(Duration.ofMillis(100)) >= 0,
        "must be at least 100ms");
    p.check(
        "http.request-header-timeout",
        headerTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
        "must be at most 10m");
    int concurrency = config.webhooks().concurrency();
    p.check("webhooks.concurrency", concurrency >= 1 && concurrency <= 64, "must be from 1 to 64");
    p.check(
        "webhooks.keep-days",
        config.webhooks().keepDays() >= 1,
        "must be a whole number of days, at least 1");
    p.check("auth-throttle.burst", config.authThrottle().burst() >= 1, "must be at least 1");
    p.check(
        "auth-throttle.per-minute",
        atLeast(config.authThrottle().perMinute(), 0),
        "must be 0 (no throttle) or more");
    return p.lines;
  }

  /** Above 0 and at most 1 (NaN is not). */
  private static boolean probability(double value) {
    return value > 0 && value <= 1;
  }

  /** At least {@code min} (NaN is not). */
  private static boolean atLeast(double value, double min) {
    return value >= min;
  }

  private static final class Problems {
    private final String prefix;
    private final List<String> lines = new ArrayList<>();

    Problems(String prefix) {
      this.prefix = prefix;
    }

    void check(String key, boolean ok, String mayBe) {
      if (!ok) {
        lines.add(prefix + "." + key + " " + mayBe);
      }
    }

    void add(String key, String problem) {
      lines.add(prefix + "." + key + " " + problem);
    }
  }
}
