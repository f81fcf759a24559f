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

  /**
   * A key as admins see it: never the key, only what names it.
   *
   * @param id the stored key's id (for revoking), null for a key from configuration
   * @param label the client it names
   * @param createdAt when it was issued, null for a key from configuration
   * @param lastUsedAt when it was last presented (to this instance, for a configured key)
   * @param configured whether it comes from configuration (revoked there, not here)
   */
  public record KeyView(
      Long id,
      String label,
      OffsetDateTime createdAt,
      OffsetDateTime lastUsedAt,
      boolean configured) {}

  /** Key hash to the label that names the client (never the key itself). */
  private final Map<String, String> labelsByHash = new ConcurrentHashMap<>();

  /** Hashes of the keys from configuration, to their labels. */
  private final Map<String, String> configuredLabels = new ConcurrentHashMap<>();

  /** Key hash to when the key was last presented (epoch milliseconds), not yet written. */
  private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

  /** Key hash to when it was last presented, since this instance started. */
  private final Map<String, Long> lastUsedSeen = new ConcurrentHashMap<>();

  /** Valid keys already seen, to their hashes: for recording their use without hashing again. */
  private final Map<String, String> hashesOfSeenKeys = new ConcurrentHashMap<>();

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
      configuredLabels.put(hash(configured.get(i)), "configured-" + (i + 1));
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              // Criteria, not HQL: read while the service starts (CriteriaQueries)
              List<ApiKey> stored = CriteriaQueries.all(ApiKey.class);
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
      used(hashesOfSeenKeys.get(key));
      return Optional.of(seen);
    }
    String hash = hash(key);
    String label = labelsByHash.get(hash);
    if (label != null) {
      labelsOfSeenKeys.put(key, label);
      hashesOfSeenKeys.put(key, hash);
      used(hash);
    }
    return Optional.ofNullable(label);
  }

  /** Notes a key's use; at most one map write per key and second on the request path. */
  private void used(String hash) {
    if (hash == null) {
      return;
    }
    long now = System.currentTimeMillis();
    Long last = lastUsedSeen.get(hash);
    if (last == null || now - last >= 1000) {
      lastUsedSeen.put(hash, now);
      lastUsed.put(hash, now);
    }
  }

  /** Every key, stored ones oldest first after those from configuration. */
  public List<KeyView> list() {
    List<KeyView> views = new java.util.ArrayList<>();
    configuredLabels.forEach(
        (hash, label) -> views.add(new KeyView(null, label, null, seenAt(hash), true)));
    views.sort(java.util.Comparator.comparing(KeyView::label));
    List<ApiKey> stored =
        QuarkusTransaction.requiringNew().call(() -> ApiKey.<ApiKey>find("order by id").list());
    for (ApiKey k : stored) {
      OffsetDateTime seen = seenAt(k.keyHash);
      OffsetDateTime last =
          seen != null && (k.lastUsedAt == null || seen.isAfter(k.lastUsedAt))
              ? seen
              : k.lastUsedAt;
      views.add(new KeyView(k.id, k.label, k.createdAt, last, false));
    }
    return views;
  }

  private OffsetDateTime seenAt(String hash) {
    Long at = lastUsedSeen.get(hash);
    return at == null
        ? null
        : OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(at), java.time.ZoneOffset.UTC);
  }

  /**
   * Revokes a stored key: it stops working here at once and on other instances at their next {@link
   * #sync}; false when there is no stored key with this id.
   */
  public boolean revoke(long id) {
    String hash =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  ApiKey key = ApiKey.findById(id);
                  if (key == null) {
                    return null;
                  }
                  key.delete();
                  return key.keyHash;
                });
    if (hash == null) {
      return false;
    }
    forget(hash);
    return true;
  }

  private void forget(String hash) {
    labelsByHash.remove(hash);
    lastUsed.remove(hash);
    lastUsedSeen.remove(hash);
    hashesOfSeenKeys.entrySet().removeIf(e -> e.getValue().equals(hash));
    labelsOfSeenKeys.keySet().retainAll(hashesOfSeenKeys.keySet());
  }

  /**
   * Every minute: writes when keys were last used, and adopts keys other instances issued or
   * revoked.
   */
  @io.quarkus.scheduler.Scheduled(
      every = "60s",
      delayed = "60s",
      concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
  void sync() {
    try {
      writeLastUse();
      List<ApiKey> stored = QuarkusTransaction.requiringNew().call(() -> ApiKey.listAll());
      java.util.Set<String> valid = new java.util.HashSet<>(configuredLabels.keySet());
      for (ApiKey k : stored) {
        valid.add(k.keyHash);
        labelsByHash.putIfAbsent(k.keyHash, k.label);
      }
      for (String hash : java.util.List.copyOf(labelsByHash.keySet())) {
        if (!valid.contains(hash)) {
          forget(hash);
        }
      }
    } catch (RuntimeException e) {
      LOG.debugf("Could not sync the API keys with the database: %s", e.getMessage());
    }
  }

  private void writeLastUse() {
    Map<String, Long> pending = new java.util.HashMap<>(lastUsed);
    if (pending.isEmpty()) {
      return;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                pending.forEach(
                    (hash, at) ->
                        ApiKey.update(
                            "lastUsedAt = ?1 where keyHash = ?2"
                                + " and (lastUsedAt is null or lastUsedAt < ?1)",
                            OffsetDateTime.ofInstant(
                                java.time.Instant.ofEpochMilli(at), java.time.ZoneOffset.UTC),
                            hash)));
    pending.forEach(lastUsed::remove);
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
