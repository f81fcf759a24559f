package com.commentshield.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per API key: each client may send {@code requests-per-second} on average and
 * {@code burst} at once; beyond that it gets 429 with {@code Retry-After}. One misbehaving site
 * cannot starve the others. Requests with an unknown key are left to authentication (401).
 */
@ApplicationScoped
public class ClientRateLimit {

  private final double ratePerNano;
  private final double burst;
  private final ApiKeyStore keys;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ClientRateLimit(CommentShieldConfig config, ApiKeyStore keys) {
    this.ratePerNano = config.rateLimit().requestsPerSecond() / 1e9;
    this.burst = Math.max(1, config.rateLimit().burst());
    this.keys = keys;
  }

  @ServerRequestFilter
  public Response limit(ContainerRequestContext request) {
    if (ratePerNano <= 0) {
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
   * than with {@code X-Api-Key} (the Coral door's signed requests): null when the request may go
   * on, else the 429 to answer. Clients are counted by label, so keys with the same label and a
   * door acting as that label share one bucket.
   */
  public Response limitClient(String client) {
    if (ratePerNano <= 0 || client == null) {
      return null;
    }
    return take(buckets.computeIfAbsent(client, c -> new Bucket(burst)));
  }

  private Response take(Bucket bucket) {
    double waitSeconds = bucket.take(ratePerNano, burst, System.nanoTime());
    if (waitSeconds <= 0) {
      return null;
    }
    long retryAfter = Math.max(1, (long) Math.ceil(waitSeconds));
    return Response.fromResponse(
            Problem.of(
                    429,
                    "Too Many Requests",
                    String.format(
                        Locale.ROOT,
                        "this API key sent more than %.0f requests per second; retry after %d s",
                        ratePerNano * 1e9,
                        retryAfter),
                    java.util.List.of())
                .toResponse())
        .header("Retry-After", Long.toString(retryAfter))
        .build();
  }

  /** Tokens refill continuously; a request takes one or learns how long until one is there. */
  private static final class Bucket {
    private double tokens;
    private long updated = System.nanoTime();

    Bucket(double burst) {
      this.tokens = burst;
    }

    /** Takes a token and returns 0, or returns the seconds until a token will be available. */
    synchronized double take(double ratePerNano, double burst, long now) {
      tokens = Math.min(burst, tokens + (now - updated) * ratePerNano);
      updated = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (1 - tokens) / ratePerNano / 1e9;
    }
  }
}
