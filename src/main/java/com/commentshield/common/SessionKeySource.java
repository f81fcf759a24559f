package com.commentshield.common;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives Quarkus' form login the key that encrypts its session cookie: {@code
 * commentshield.session.key} when set, else a random key created at first start and kept in {@code
 * session.key} in the data directory (readable by the owner only). Without a key, Quarkus makes a
 * temporary one and prints it in the log, and every restart logs everybody out.
 *
 * <p>The key is read or created only when Quarkus asks for it, at start; an explicit {@code
 * quarkus.http.auth.session.encryption-key} still wins.
 */
public class SessionKeySource implements ConfigSourceFactory {

  static final String QUARKUS_KEY = "quarkus.http.auth.session.encryption-key";
  static final String KEY = "commentshield.session.key";
  static final String FILE = "session.key";
  static final int MIN_LENGTH = 16;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    if (present(context.getValue(QUARKUS_KEY))) {
      return List.of();
    }
    ConfigValue configured = context.getValue(KEY);
    ConfigValue dataDir = context.getValue("commentshield.data-dir");
    String key = present(configured) ? configured.getValue() : null;
    Path dir = Path.of(present(dataDir) ? dataDir.getValue() : "./data");
    return List.of(new Source(key, dir));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(100);
  }

  private static boolean present(ConfigValue value) {
    return value != null && value.getValue() != null && !value.getValue().isBlank();
  }

  /**
   * The session key: {@code configured} when given (at least 16 characters), else the one kept in
   * {@code dataDir}, created there on first use.
   */
  static String keyFor(String configured, Path dataDir) {
    if (configured != null) {
      if (configured.strip().length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            KEY + " must be at least " + MIN_LENGTH + " characters long");
      }
      return configured.strip();
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String key = Base64.getEncoder().encodeToString(random);
      Path temporary = Files.createTempFile(dataDir, FILE, ".new");
      try {
        restrictToOwner(temporary);
        Files.writeString(temporary, key + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file);
        }
        return key;
      } catch (FileAlreadyExistsException e) {
        // another instance sharing the data directory made it first
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the session key " + file + " (or set " + KEY + ")", e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data directory's own permissions apply
    }
  }

  /** Offers the one property, computing it on first request. */
  private static final class Source implements ConfigSource {
    private final String configured;
    private final Path dataDir;
    private volatile String key;

    Source(String configured, Path dataDir) {
      this.configured = configured;
      this.dataDir = dataDir;
    }

    @Override
    public Set<String> getPropertyNames() {
      return Set.of(QUARKUS_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
      return Map.of(QUARKUS_KEY, getValue(QUARKUS_KEY));
    }

    @Override
    public String getValue(String propertyName) {
      if (!QUARKUS_KEY.equals(propertyName)) {
        return null;
      }
      String k = key;
      if (k == null) {
        synchronized (this) {
          if (key == null) {
            key = keyFor(configured, dataDir);
          }
          k = key;
        }
      }
      return k;
    }

    @Override
    public String getName() {
      return "CommentShield session key (" + KEY + " or " + FILE + " in the data directory)";
    }

    @Override
    public int getOrdinal() {
      return 100;
    }
  }
}
