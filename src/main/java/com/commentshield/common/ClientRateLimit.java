package com.commentshield.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per client: each may send {@code requests-per-second} on average and {@code burst}
 * at once; beyond that it gets 429 with {@code Retry-After}. One misbehaving site cannot starve the
 * others. Every client door takes from the same bucket: {@code X-Api-Key} requests here, the
 * Akismet and Perspective doors through {@link ClientKeys}, the Coral door through {@link
 * #limitClient}. Clients are counted by label, so keys with the same label and a door acting as
 * that label share one bucket. Requests with an unknown key are left to authentication (401).
 */
@ApplicationScoped
public class ClientRateLimit {

  private final double perSecond;
  private final KeyedBuckets buckets;
  private final ApiKeyStore keys;

  public ClientRateLimit(CommentShieldConfig config, ApiKeyStore keys) {
    this.perSecond = config.rateLimit().requestsPerSecond();
    this.buckets =
        perSecond > 0 ? new KeyedBuckets(perSecond, Math.max(1, config.rateLimit().burst())) : null;
    this.keys = keys;
  }

  @ServerRequestFilter
  public Response limit(ContainerRequestContext request) {
    if (buckets == null) {
      return null;
    }
    String key = request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER);
    if (key == null) {
      return null;
    }
    return keys.clientOf(key.strip()).map(this::limitClient).orElse(null);
  }

  /**
   * Takes one request from {@code client}'s bucket, for doors whose callers authenticate otherwise
   * than with {@code X-Api-Key}: null when the request may go on, else the 429 to answer.
   */
  public Response limitClient(String client) {
    long retryAfter = take(client);
    return retryAfter == 0 ? null : tooManyRequests(retryAfter);
  }

  /**
   * Takes one request from {@code client}'s bucket: 0 when it may go on, else the seconds to wait.
   */
  public long take(String client) {
    if (buckets == null || client == null) {
      return 0;
    }
    long nanos = buckets.take(client);
    return nanos == 0 ? 0 : KeyedBuckets.seconds(nanos);
  }

  /** The limit as people read it, e.g. "200 requests per second". */
  public String describe() {
    return BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString()
        + " requests per second";
  }

  private Response tooManyRequests(long retryAfter) {
    return new TooManyRequests(
            retryAfter,
            "this API key sent more than " + describe() + "; retry after " + retryAfter + " s")
        .toResponse();
  }
}
