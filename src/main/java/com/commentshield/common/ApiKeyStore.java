package com.commentshield.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Knows which API keys are valid. Keys come from configuration ({@code commentshield.api-keys}) and
 * from the database; with neither, one key is generated at first start, its hash stored and the key
 * printed once. Lookups hash the presented key and check an in-memory map, so no request waits on
 * the database.
 *
 * <p>SHA-256 without salt is enough here: keys are long random strings, not passwords a person
 * chose, so there is no dictionary to try.
 */
@Startup
@ApplicationScoped
public class ApiKeyStore {

  private static final Logger LOG = Logger.getLogger(ApiKeyStore.class);

  /** Key hash to the label that names the client (never the key itself). */
  private final Map<String, String> labelsByHash = new ConcurrentHashMap<>();

  /**
   * Keys already seen valid, to their labels: every client request is looked up twice (rate limit,
   * then authentication), and hashing once per key rather than twice per request keeps SHA-256 off
   * the hot path. Only valid keys enter, so it is as small as the key list.
   */
  private final Map<String, String> labelsOfSeenKeys = new ConcurrentHashMap<>();

  public ApiKeyStore(CommentShieldConfig config) {
    List<String> configured =
        config.apiKeys().orElse(List.of()).stream()
            .map(String::strip)
            .filter(k -> !k.isEmpty())
            .toList();
    for (int i = 0; i < configured.size(); i++) {
      labelsByHash.put(hash(configured.get(i)), "configured-" + (i + 1));
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              List<ApiKey> stored = ApiKey.listAll();
              stored.forEach(k -> labelsByHash.put(k.keyHash, k.label));
              if (configured.isEmpty() && stored.isEmpty()) {
                String key = Tokens.random(32);
                store(key, "generated-at-first-start");
                LOG.warnf(
                    "%n==================== CommentShield API key ====================%n"
                        + "No API key was configured, so one was created: %s%n"
                        + "It is shown only this once; only its hash is stored. Send it as the"
                        + " X-Api-Key header.%n"
                        + "Set COMMENTSHIELD_API_KEYS to use keys of your own instead.%n"
                        + "================================================================",
                    key);
              }
            });
  }

  /** The label of the client that owns {@code key}, if the key is valid. */
  public Optional<String> clientOf(String key) {
    if (key == null || key.isEmpty() || key.length() > 200) {
      return Optional.empty();
    }
    String seen = labelsOfSeenKeys.get(key);
    if (seen != null) {
      return Optional.of(seen);
    }
    String label = labelsByHash.get(hash(key));
    if (label != null) {
      labelsOfSeenKeys.put(key, label);
    }
    return Optional.ofNullable(label);
  }

  /** Creates and stores a new key of {@code length} characters and returns it (once). */
  public String issue(String label, int length) {
    String key = Tokens.random(length);
    QuarkusTransaction.requiringNew().run(() -> store(key, label));
    return key;
  }

  private void store(String key, String label) {
    ApiKey entity = new ApiKey();
    entity.keyHash = hash(key);
    entity.label = label;
    entity.createdAt = OffsetDateTime.now();
    entity.persist();
    labelsByHash.put(entity.keyHash, label);
  }

  static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
