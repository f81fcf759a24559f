package com.commentshield.common;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one way in for doors that find the API key themselves (Akismet's body field or host name,
 * Perspective's query parameter): the same key check, guess throttle and per-client rate limit as
 * {@code X-Api-Key} requests get, answered in each door's own wire format.
 */
@ApplicationScoped
public class ClientKeys {

  /** What a presented key admits. */
  public sealed interface Admission {}

  /** A valid key within its client's limit. */
  public record Admitted(String client) implements Admission {}

  /** No key, or one that is none of this service's keys. */
  public record Refused() implements Admission {}

  /**
   * Too many requests: the client is over its rate limit, or this address made too many wrong
   * guesses.
   *
   * @param retryAfter seconds until the next request may succeed
   * @param detail why, for people
   */
  public record TooMany(long retryAfter, String detail) implements Admission {}

  private final ApiKeyStore keys;
  private final ClientRateLimit rateLimit;
  private final AuthThrottle throttle;
  private final CurrentVertxRequest request;

  public ClientKeys(
      ApiKeyStore keys,
      ClientRateLimit rateLimit,
      AuthThrottle throttle,
      CurrentVertxRequest request) {
    this.keys = keys;
    this.rateLimit = rateLimit;
    this.throttle = throttle;
    this.request = request;
  }

  /**
   * Checks the key a request of {@code door} presented and takes one request from its client's
   * bucket.
   *
   * @param door names the door in the log, e.g. "the Akismet door"
   */
  public Admission admit(Optional<String> presented, String door) {
    String address = address();
    long wait = throttle.retryAfter(address, null);
    if (wait > 0) {
      return new TooMany(
          wait, "too many wrong API keys came from your address; retry after " + wait + " s");
    }
    Optional<String> client = presented.map(String::strip).flatMap(keys::clientOf);
    if (client.isEmpty()) {
      if (presented.isPresent()) {
        throttle.failed(address, null, "API key at " + door);
      }
      return new Refused();
    }
    long limited = rateLimit.take(client.get());
    if (limited > 0) {
      return new TooMany(
          limited,
          "this API key sent more than "
              + rateLimit.describe()
              + "; retry after "
              + limited
              + " s");
    }
    return new Admitted(client.get());
  }

  private String address() {
    RoutingContext current = request.getCurrent();
    return current == null ? "unknown" : AuthThrottle.addressOf(current.request());
  }
}
