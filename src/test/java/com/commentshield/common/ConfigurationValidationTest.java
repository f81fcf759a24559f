package com.commentshield.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every setting out of range stops the start with a line naming the key and what it may be. The
 * configuration is read here as the service reads it (SmallRye Config with {@link ConfigChecks}),
 * without starting anything; {@code it/InvalidConfigurationStopsTheStartIT} starts the packaged
 * service.
 */
class ConfigurationValidationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "commentshield.policy.block | 1.5 | commentshield.policy.block must be a probability above"
            + " 0 and at most 1",
        "commentshield.policy.review | -0.1 | commentshield.policy.review must be a probability"
            + " above 0 and at most 1",
        "commentshield.policy.review | 0 | commentshield.policy.review must be a probability above"
            + " 0 and at most 1",
        "commentshield.model.algorithm | svm | commentshield.model.algorithm must be logistic or"
            + " naive-bayes",
        "commentshield.data-dir | data | commentshield.data-dir must be an absolute path or start"
            + " with ./ or ../",
        "commentshield.data-dir | ~/data | commentshield.data-dir must be an absolute path or start"
            + " with ./ or ../",
        "commentshield.rate-limit.burst | 0 | commentshield.rate-limit.burst must be at least 1",
        "commentshield.rate-limit.requests-per-second | -5 |"
            + " commentshield.rate-limit.requests-per-second must be 0 (no limit) or more",
        "commentshield.retrain.gate-margin | 2 | commentshield.retrain.gate-margin must be from 0"
            + " to 1",
        "commentshield.retention.personal-data-days | 0 |"
            + " commentshield.retention.personal-data-days must be a whole number of days, at"
            + " least 1",
        "commentshield.reasons.max | -1 | commentshield.reasons.max must be 0 or more",
        "commentshield.webhooks.concurrency | 65 | commentshield.webhooks.concurrency must be from"
            + " 1 to 64",
        "commentshield.webhooks.keep-days | 0 | commentshield.webhooks.keep-days must be a whole"
            + " number of days, at least 1",
        "commentshield.auth-throttle.burst | 0 | commentshield.auth-throttle.burst must be at"
            + " least 1",
        "commentshield.auth-throttle.per-minute | -1 | commentshield.auth-throttle.per-minute must"
            + " be 0 (no throttle) or more",
      })
  void aValueOutOfRangeIsOneProblemNamingTheKey(String key, String value, String expected) {
    ConfigValidationException e =
        assertThrows(ConfigValidationException.class, () -> read(Map.of(key, value)));

    assertEquals(List.of(expected), problems(e));
  }

  @Test
  void aReviewThresholdAboveTheBlockThresholdIsRefused() {
    ConfigValidationException e =
        assertThrows(
            ConfigValidationException.class,
            () ->
                read(
                    Map.of(
                        "commentshield.policy.review",
                        "0.95",
                        "commentshield.policy.block",
                        "0.9")));

    assertEquals(1, e.getProblemCount());
    assertEquals(
        "commentshield.policy review must not be above block: set commentshield.policy.review at"
            + " most commentshield.policy.block",
        e.getProblem(0).getMessage());
  }

  @Test
  void theDefaultsAndTheUsualValuesAreAccepted() {
    CommentShieldConfig config =
        read(
            Map.of(
                "commentshield.data-dir", "/var/lib/commentshield",
                "commentshield.model.algorithm", "naive-bayes",
                "commentshield.policy.review", "0.4",
                "commentshield.policy.block", "1",
                "commentshield.rate-limit.requests-per-second", "0"));

    assertEquals(1.0, config.policy().block());
    assertEquals("./data", read(Map.of()).dataDir());
    assertEquals(
        "../shared/data", read(Map.of("commentshield.data-dir", "../shared/data")).dataDir());
  }

  private static CommentShieldConfig read(Map<String, String> values) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CommentShieldConfig.class)
            // "10s" as Quarkus reads durations
            .withConverter(
                java.time.Duration.class,
                100,
                new io.quarkus.runtime.configuration.DurationConverter())
            .withValidator(new ConfigChecks())
            .withSources(new PropertiesConfigSource(values, "test", 500))
            .build();
    return config.getConfigMapping(CommentShieldConfig.class);
  }

  private static List<String> problems(ConfigValidationException e) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < e.getProblemCount(); i++) {
      messages.add(e.getProblem(i).getMessage());
    }
    return messages;
  }
}
