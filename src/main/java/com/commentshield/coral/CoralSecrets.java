package com.commentshield.coral;

import com.commentshield.common.ClientProblem;
import com.commentshield.common.CriteriaQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Coral signing secrets admins entered, each naming the client its requests act as. Requests
 * are checked against a copy in memory, refreshed from the database every sync period (and at once
 * after a change here), so the door needs no database read per request and keeps answering while
 * the database is away.
 */
@ApplicationScoped
public class CoralSecrets {

  private static final Logger LOG = Logger.getLogger(CoralSecrets.class);

  /** The client label a secret acts as when the admin names none. */
  public static final String DEFAULT_LABEL = "coral";

  private volatile List<Known> known = List.of();
  private volatile boolean loaded;

  /** A secret as the door uses it. */
  record Known(String secret, String clientLabel) {}

  /**
   * A secret to add.
   *
   * @param secret the phase's signing secret as Coral's admin shows it ({@code empsec_...})
   * @param clientLabel the client its requests act as (queue, rate limit, webhooks, feed); default
   *     {@code coral}
   */
  public record NewSecret(
      @NotBlank(message = "is required")
          @Size(min = 16, max = 200, message = "must be 16 to 200 characters")
          @Pattern(regexp = "\\S+", message = "must not contain spaces")
          String secret,
      @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
          @Pattern(
              regexp = "[\\p{L}\\p{N}._:@-][\\p{L}\\p{N} ._:@-]*",
              message = "may hold letters, digits, spaces and . _ : @ -")
          String clientLabel) {}

  /**
   * A stored secret as listed: never the secret itself.
   *
   * @param id its id
   * @param clientLabel the client its requests act as
   * @param hint enough of the secret to tell which one it is
   * @param createdAt when it was added
   * @param createdBy who added it
   */
  public record SecretView(
      long id, String clientLabel, String hint, OffsetDateTime createdAt, String createdBy) {}

  void onStart(@Observes StartupEvent event) {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("Could not load the Coral signing secrets; will retry", e);
    }
  }

  @Scheduled(
      every = "{commentshield.sync.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.debug("Could not refresh the Coral signing secrets; the known ones stay in use", e);
    }
  }

  void refresh() {
    known =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    // Criteria, not HQL: read while the service starts (CriteriaQueries)
                    CriteriaQueries.allOrderedBy(CoralSecret.class, "id").stream()
                        .map(s -> new Known(s.secret, s.clientLabel))
                        .toList());
    loaded = true;
  }

  /** The client label of the secret that signed {@code body}, if any did. */
  Optional<String> clientOf(byte[] body, String signatureHeader) {
    if (!loaded) {
      refresh();
    }
    return CoralSignature.signer(body, signatureHeader, known, Known::secret)
        .map(Known::clientLabel);
  }

  boolean anyConfigured() {
    return !known.isEmpty();
  }

  @Transactional
  public SecretView add(NewSecret request, String createdBy) {
    String secret = request.secret().strip();
    if (CoralSecret.count("secret", secret) > 0) {
      throw ClientProblem.conflict("this secret is stored already");
    }
    CoralSecret s = new CoralSecret();
    s.secret = secret;
    s.clientLabel = request.clientLabel() == null ? DEFAULT_LABEL : request.clientLabel().strip();
    s.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    s.createdBy = createdBy;
    s.persist();
    known =
        java.util.stream.Stream.concat(
                known.stream(), java.util.stream.Stream.of(new Known(s.secret, s.clientLabel)))
            .toList();
    return view(s);
  }

  @Transactional
  public List<SecretView> list() {
    return CoralSecret.<CoralSecret>listAll(Sort.ascending("id")).stream()
        .map(CoralSecrets::view)
        .toList();
  }

  @Transactional
  public boolean delete(long id) {
    CoralSecret s = CoralSecret.findById(id);
    if (s == null) {
      return false;
    }
    s.delete();
    String removed = s.secret;
    known = known.stream().filter(k -> !k.secret().equals(removed)).toList();
    return true;
  }

  private static SecretView view(CoralSecret s) {
    return new SecretView(s.id, s.clientLabel, hint(s.secret), s.createdAt, s.createdBy);
  }

  /** {@code empsec_…9f3a}: the prefix Coral gives its secrets and the last four characters. */
  static String hint(String secret) {
    int underscore = secret.indexOf('_');
    String prefix = underscore > 0 && underscore <= 10 ? secret.substring(0, underscore + 1) : "";
    return prefix + "…" + secret.substring(secret.length() - 4);
  }
}
