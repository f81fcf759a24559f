package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, started with settings out of range, stops before it listens, with one line
 * per bad key naming the key and what it may be, and no stack trace. The ranges of every key are
 * tested without starting anything in {@code common/ConfigurationValidationTest}.
 */
class InvalidConfigurationStopsTheStartIT {

  @Test
  void badSettingsStopTheStartWithOneLineEach() throws Exception {
    Path dataDir = ServiceProcess.newDataDir("invalid-config");
    try (ServiceProcess service =
        new ServiceProcess(
            dataDir,
            Map.of(
                "COMMENTSHIELD_POLICY_BLOCK", "1.5",
                "COMMENTSHIELD_MODEL_ALGORITHM", "svm",
                "COMMENTSHIELD_DATA_DIR", "relative-data"))) {
      service.start();
      int exit = service.awaitExit(Duration.ofMinutes(2));

      assertNotEquals(0, exit, "the service must not run with these settings");
      List<String> log = Files.readAllLines(dataDir.resolve("service.log"));
      List<String> expected =
          List.of(
              "commentshield.data-dir must be an absolute path or start with ./ or ../",
              "commentshield.model.algorithm must be logistic or naive-bayes",
              "commentshield.policy.block must be a probability above 0 and at most 1");
      for (String line : expected) {
        assertEquals(
            1,
            log.stream().filter(l -> l.strip().equals(line)).count(),
            "one line '" + line + "' in " + log);
      }
      assertTrue(
          log.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
          "no stack trace: " + log);
      assertTrue(Files.notExists(Path.of("relative-data")), "nothing was created");
    }
  }
}
