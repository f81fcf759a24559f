package com.commentshield.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The embedded user store: {@code admin} (roles admin, moderator) and {@code moderator} (role
 * moderator). A password set in configuration wins (hashed with PBKDF2 when it is first needed,
 * never compared in plain); otherwise the stored hash is used; with neither, a random password is
 * created at first start, stored hashed and printed once.
 *
 * <p>HTTP Basic sends the password with every request and PBKDF2 is slow on purpose, so a
 * successful check is remembered (as a SHA-256 of user and password, never the password) for the
 * life of the process.
 */
@Startup
@ApplicationScoped
public class UserStore {

  public static final String ADMIN = "admin";
  public static final String MODERATOR = "moderator";

  private static final Logger LOG = Logger.getLogger(UserStore.class);

  /**
   * A user's credentials: the stored hash of a generated password, or the PBKDF2 hash of a password
   * given in configuration. That one is computed at the first login, not at start: its half second
   * of CPU per user would otherwise be spent while the service starts, on a machine whose every
   * core the start keeps busy.
   */
  private static final class Account {
    private final Set<String> roles;
    private String chosenPassword;
    private String hash;

    private Account(String chosenPassword, String hash, Set<String> roles) {
      this.chosenPassword = chosenPassword;
      this.hash = hash;
      this.roles = roles;
    }

    static Account chosen(String password, Set<String> roles) {
      return new Account(password, null, roles);
    }

    static Account stored(String hash, Set<String> roles) {
      return new Account(null, hash, roles);
    }

    Set<String> roles() {
      return roles;
    }

    synchronized String hash() {
      if (hash == null) {
        hash = PasswordHash.hashChosen(chosenPassword);
        chosenPassword = null;
      }
      return hash;
    }
  }

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  public UserStore(CommentShieldConfig config) {
    setUp(ADMIN, config.adminPassword(), Set.of(ADMIN, MODERATOR), "COMMENTSHIELD_ADMIN_PASSWORD");
    setUp(
        MODERATOR,
        config.moderatorPassword(),
        Set.of(MODERATOR),
        "COMMENTSHIELD_MODERATOR_PASSWORD");
  }

  private void setUp(String username, Optional<String> configured, Set<String> roles, String env) {
    Optional<String> password = configured.map(String::strip).filter(p -> !p.isEmpty());
    if (password.isPresent()) {
      String chosen = password.get();
      accounts.put(username, Account.chosen(chosen, roles));
      return;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              AppUser stored = AppUser.findById(username);
              if (stored == null) {
                String generated = Tokens.random(20);
                stored = new AppUser();
                stored.username = username;
                stored.passwordHash = PasswordHash.hashGenerated(generated);
                stored.roles = String.join(",", roles);
                stored.createdAt = OffsetDateTime.now();
                stored.persist();
                LOG.warnf(
                    "%n==================== CommentShield user '%s' ====================%n"
                        + "No password was configured, so one was created: %s%n"
                        + "It is shown only this once; only its hash is stored. Set %s to choose"
                        + " your own.%n"
                        + "=================================================================",
                    username, generated, env);
              }
              accounts.put(username, Account.stored(stored.passwordHash, roles));
            });
  }

  /** The roles of a known user. */
  public Optional<Set<String>> rolesOf(String username) {
    return Optional.ofNullable(accounts.get(username)).map(Account::roles);
  }

  /** The roles of {@code username} if {@code password} is right. */
  public Optional<Set<String>> authenticate(String username, String password) {
    Account account = accounts.get(username);
    if (account == null || password == null) {
      return Optional.empty();
    }
    String hash = account.hash();
    String fingerprint = fingerprint(username, password, hash);
    if (verified.contains(fingerprint)) {
      return Optional.of(account.roles());
    }
    if (!PasswordHash.matches(password, hash)) {
      return Optional.empty();
    }
    verified.add(fingerprint);
    return Optional.of(account.roles());
  }

  /** The stored form of {@code username}'s password: never the password itself. */
  Optional<String> passwordHashOf(String username) {
    return Optional.ofNullable(accounts.get(username)).map(Account::hash);
  }

  private static String fingerprint(String username, String password, String storedHash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(username.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
