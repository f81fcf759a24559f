package com.commentshield.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login cookie's encryption key comes from configuration or from a file the service creates in
 * its data directory, and it never appears in the log.
 */
@QuarkusTest
@TestProfile(SessionKeyTest.LogToFile.class)
class SessionKeyTest {

  static final Path LOG = Path.of("target/session-key-test.log");

  /** The start's log goes to a file, where the test can read all of it. */
  public static class LogToFile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.log.file.enabled", "true",
          "quarkus.log.file.path", LOG.toString(),
          "quarkus.log.file.level", "ALL");
    }
  }

  @Test
  void theGeneratedKeyIsKeptInTheDataDirectoryAndNeverLogged() throws IOException {
    String key = ConfigProvider.getConfig().getValue(SessionKeySource.QUARKUS_KEY, String.class);
    Path dataDir =
        Path.of(ConfigProvider.getConfig().getValue("commentshield.data-dir", String.class));
    Path file = dataDir.resolve(SessionKeySource.FILE);

    assertEquals(key, Files.readString(file).strip());
    assertTrue(key.length() >= 40, "32 random bytes");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String log = Files.readString(LOG);
    assertTrue(log.contains("commentshield"), "the start was logged to the file");
    assertFalse(log.contains(key), "the session key is in the log");
    assertFalse(log.contains("using temporary key"), "Quarkus made a temporary key");
  }

  @Test
  void aConfiguredKeyIsUsedAndAShortOneRefused(@TempDir Path dir) {
    assertEquals(
        "a configured key of some length",
        SessionKeySource.keyFor("a configured key of some length", dir));
    assertFalse(Files.exists(dir.resolve(SessionKeySource.FILE)));
    IllegalArgumentException tooShort =
        assertThrows(IllegalArgumentException.class, () -> SessionKeySource.keyFor("short", dir));
    assertTrue(tooShort.getMessage().contains("commentshield.session.key"));
  }

  @Test
  void theKeyFileOutlivesARestart(@TempDir Path dir) {
    String first = SessionKeySource.keyFor(null, dir);
    assertEquals(first, SessionKeySource.keyFor(null, dir));
  }
}
