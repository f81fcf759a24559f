package com.commentshield.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jboss.logging.Logger;

/**
 * Throttles guessing: each failed login (HTTP Basic, the login form) and each wrong API key takes a
 * token from the bucket of the client address and, for a known user, of the user name. While either
 * bucket is empty, every attempt from that address or for that user is refused with 429 and
 * Retry-After before any credential is checked, so guesses cannot go faster than the buckets
 * refill. Failures are logged at WARN with the address and the known user name, never the secret.
 *
 * <p>IPv6 addresses count by their /64 network: one host usually holds a whole /64.
 */
@ApplicationScoped
public class AuthThrottle {

  private static final Logger LOG = Logger.getLogger(AuthThrottle.class);

  private final KeyedBuckets byUser;
  private final KeyedBuckets byAddress;

  public AuthThrottle(CommentShieldConfig config) {
    CommentShieldConfig.AuthThrottle settings = config.authThrottle();
    boolean on = settings.perMinute() > 0;
    long burst = Math.max(1, settings.burst());
    this.byUser = on ? new KeyedBuckets(settings.perMinute() / 60, burst) : null;
    this.byAddress = on ? new KeyedBuckets(settings.perMinute() / 60, burst) : null;
  }

  /**
   * The seconds until {@code address}, and {@code knownUser} when not null, may try again; 0 when
   * they may now.
   */
  public long retryAfter(String address, String knownUser) {
    if (byAddress == null) {
      return 0;
    }
    long nanos =
        Math.max(byAddress.waitFor(address), knownUser == null ? 0 : byUser.waitFor(knownUser));
    return nanos == 0 ? 0 : KeyedBuckets.seconds(nanos);
  }

  /**
   * Counts a failed attempt and logs it.
   *
   * @param knownUser the user name when it names a user, else null (an unknown name may be a
   *     password typed into the wrong field, so it is neither logged nor counted by name)
   * @param how what failed, e.g. "HTTP Basic login" or "API key at the Akismet door"
   */
  public void failed(String address, String knownUser, String how) {
    LOG.warnf(
        "Failed %s from %s%s",
        how, address, knownUser == null ? "" : " for user '" + knownUser + "'");
    if (byAddress == null) {
      return;
    }
    boolean addressBlocked = byAddress.take(address) != 0 || byAddress.waitFor(address) != 0;
    boolean userBlocked =
        knownUser != null && (byUser.take(knownUser) != 0 || byUser.waitFor(knownUser) != 0);
    if (addressBlocked || userBlocked) {
      LOG.warnf(
          "Too many failed attempts from %s%s: refusing further attempts for %d s",
          address,
          userBlocked ? " or for user '" + knownUser + "'" : "",
          retryAfter(address, knownUser));
    }
  }

  /** Whether throttling is on (it is off when {@code per-minute} is 0). */
  public boolean enabled() {
    return byAddress != null;
  }

  /** The address a request's failures count under. */
  public static String addressOf(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    if (host == null || host.isEmpty()) {
      return "unknown";
    }
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      byte[] bytes = InetAddress.getByName(host).getAddress();
      if (bytes.length == 16) {
        for (int i = 8; i < 16; i++) {
          bytes[i] = 0;
        }
        return Inet6Address.getByAddress(bytes).getHostAddress() + "/64";
      }
      return host;
    } catch (UnknownHostException e) {
      return host;
    }
  }
}
