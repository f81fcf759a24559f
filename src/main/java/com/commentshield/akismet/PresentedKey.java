package com.commentshield.akismet;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the API key an Akismet client presented. Akismet takes it in three places, and clients use
 * all of them: the body fields {@code key} (verify-key, the account calls) and {@code api_key}
 * (current clients, every call), and the host name {@code KEY.rest.akismet.com} (older clients for
 * comment-check and the submissions). Behind a proxy the host is in the absolute-form request
 * target ({@code POST http://KEY.rest.akismet.com/1.1/comment-check}), which wins over the {@code
 * Host} header as RFC 9112 says.
 *
 * <p>The first label of any host name counts, not only of {@code rest.akismet.com}, so that a
 * client pointed at {@code KEY.spam.example.org} works too; a label that is no valid key simply is
 * not one.
 */
final class PresentedKey {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private PresentedKey() {}

  /**
   * @param requestTarget the request line's target as sent (a path, or an absolute URI through a
   *     proxy)
   * @param hostHeader the {@code Host} header
   */
  static Optional<String> of(AkismetForm form, String requestTarget, String hostHeader) {
    return form.get("key")
        .or(() -> form.get("api_key"))
        .or(() -> hostPrefix(requestTarget, hostHeader));
  }

  static Optional<String> hostPrefix(String requestTarget, String hostHeader) {
    String host = absoluteFormHost(requestTarget).orElse(stripPort(hostHeader));
    if (host == null || host.isEmpty() || host.startsWith("[") || IPV4.matcher(host).matches()) {
      return Optional.empty();
    }
    int dot = host.indexOf('.');
    return dot > 0 ? Optional.of(host.substring(0, dot)) : Optional.empty();
  }

  private static Optional<String> absoluteFormHost(String target) {
    if (target == null) {
      return Optional.empty();
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(URI.create(target).getHost());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String stripPort(String host) {
    if (host == null) {
      return null;
    }
    String h = host.strip();
    if (h.startsWith("[")) {
      return h;
    }
    int colon = h.indexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }
}
