package com.commentshield.outbox;

import com.commentshield.common.CommentShieldConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may send (the guard against server-side request forgery). Only admins register
 * webhooks, but a webhook is still a way to make the service send requests from inside its network,
 * so its destination is checked when it is registered and again, on the address it resolves to
 * then, before every delivery (a name can be pointed elsewhere later):
 *
 * <ul>
 *   <li>http and https only, with a host, without a user name or password (credentials in a URL end
 *       up in logs and listings) and without a fragment;
 *   <li>never the unspecified address ({@code 0.0.0.0/8}, {@code ::}), link-local addresses ({@code
 *       169.254.0.0/16}, {@code fe80::/10}: where cloud metadata services answer, with the cloud's
 *       credentials), the other known metadata addresses ({@code fd00:ec2::254}, {@code
 *       100.100.100.200}), multicast or broadcast;
 *   <li>loopback ({@code 127.0.0.0/8}, {@code ::1}) only when {@code
 *       commentshield.webhooks.allow-loopback} is on: services that listen only locally trust local
 *       callers;
 *   <li>private networks ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7})
 *       are allowed: a self-hosted service and the comment system it serves usually share one.
 * </ul>
 *
 * Redirects are never followed and receivers' answer bodies are never read or stored, so a webhook
 * cannot be used to read what an internal address serves.
 */
@ApplicationScoped
public class DestinationPolicy {

  private final boolean allowLoopback;

  @Inject
  public DestinationPolicy(CommentShieldConfig config) {
    this(config.webhooks().allowLoopback());
  }

  DestinationPolicy(boolean allowLoopback) {
    this.allowLoopback = allowLoopback;
  }

  /** Why {@code url} may not be a webhook's address, or empty when it may. */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("must be an absolute http or https URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of("must be an absolute http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not hold a user name or password");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a fragment (#...)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    return refusal(uri);
  }

  /** Why the host of {@code uri} may not be sent to now, or empty. Resolves the host name. */
  Optional<String> refusal(URI uri) {
    String host = uri.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve");
    } catch (SecurityException | IllegalArgumentException e) {
      return Optional.of("host " + host + " is not a valid host name");
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = forbiddenKind(address);
      if (kind.isPresent()) {
        return Optional.of(
            "host "
                + host
                + " is "
                + address.getHostAddress()
                + ", "
                + kind.get()
                + ", which webhooks may not reach");
      }
    }
    return Optional.empty();
  }

  Optional<String> forbiddenKind(InetAddress address) {
    byte[] b = address.getAddress();
    if (address.isAnyLocalAddress() || (address instanceof Inet4Address && b[0] == 0)) {
      return Optional.of("an unspecified address");
    }
    if (address.isLoopbackAddress()) {
      return allowLoopback
          ? Optional.empty()
          : Optional.of("a loopback address (see commentshield.webhooks.allow-loopback)");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address (where cloud metadata services answer)");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address instanceof Inet4Address
        && ((b[0] & 0xff) == 255 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255)
        && (b[3] & 0xff) == 255) {
      return Optional.of("the broadcast address");
    }
    if (address instanceof Inet4Address
        && (b[0] & 0xff) == 100
        && (b[1] & 0xff) == 100
        && (b[2] & 0xff) == 100
        && (b[3] & 0xff) == 200) {
      return Optional.of("a cloud metadata address");
    }
    if (address instanceof Inet6Address && isAwsMetadata(b)) {
      return Optional.of("a cloud metadata address");
    }
    return Optional.empty();
  }

  /** fd00:ec2::254 */
  private static boolean isAwsMetadata(byte[] b) {
    byte[] metadata = {
      (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
    };
    return java.util.Arrays.equals(b, metadata);
  }
}
