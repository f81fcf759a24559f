package com.commentshield.memory;

import com.commentshield.comment.Comment;
import com.commentshield.text.Domains;
import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a comment's verdict counts towards, each named as a person would read it: {@code link
 * domain essays-fast.example}, {@code author site ...}, {@code author e-mail ...}, {@code e-mail
 * domain ...} (not for big free-mail providers, whose users have nothing in common), {@code IP
 * 203.0.113.7}, {@code IP range 203.0.113.0/24} (IPv6: the /64), {@code author name ... on site}.
 */
final class ReputationKeys {

  /** Links of one comment that count; a list of a hundred links says no more than five. */
  private static final int MAX_LINK_DOMAINS = 5;

  static final Set<String> FREE_MAIL =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "yahoo.co.uk",
          "yahoo.fr",
          "ymail.com",
          "hotmail.com",
          "hotmail.co.uk",
          "hotmail.fr",
          "outlook.com",
          "live.com",
          "msn.com",
          "aol.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "mail.ru",
          "yandex.ru",
          "yandex.com",
          "gmx.de",
          "gmx.net",
          "gmx.com",
          "web.de",
          "proton.me",
          "protonmail.com",
          "qq.com",
          "163.com",
          "126.com",
          "mail.com",
          "zoho.com",
          "fastmail.com",
          "t-online.de",
          "orange.fr",
          "free.fr",
          "libero.it",
          "seznam.cz",
          "wp.pl",
          "naver.com",
          "rediffmail.com");

  private ReputationKeys() {}

  static List<String> of(Comment comment) {
    List<String> keys = new ArrayList<>();
    List<String> linked = Domains.linkedIn(comment.content());
    for (int i = 0; i < Math.min(MAX_LINK_DOMAINS, linked.size()); i++) {
      keys.add("link domain " + linked.get(i));
    }
    Domains.hostOf(comment.authorUrl())
        .flatMap(Domains::registrable)
        .ifPresent(d -> keys.add("author site " + d));
    String email = email(comment.authorEmail());
    if (email != null) {
      keys.add("author e-mail " + email);
      Domains.ofEmail(email)
          .filter(d -> !FREE_MAIL.contains(d))
          .ifPresent(d -> keys.add("e-mail domain " + d));
    }
    ipKeys(comment.ip(), keys);
    String name = comment.authorName();
    if (name != null && !name.isBlank()) {
      String site = comment.site() == null ? "" : " on " + comment.site().strip();
      keys.add("author name " + name.strip().toLowerCase(Locale.ROOT) + site);
    }
    return keys;
  }

  /** The key an author's trust is kept under: e-mail address and site. */
  static String author(Comment comment) {
    String email = email(comment.authorEmail());
    return email == null ? null : email + " on " + (comment.site() == null ? "" : comment.site());
  }

  static String email(String email) {
    if (email == null || email.isBlank() || email.indexOf('@') < 1) {
      return null;
    }
    return email.strip().toLowerCase(Locale.ROOT);
  }

  private static void ipKeys(String ip, List<String> keys) {
    parseIp(ip)
        .ifPresent(
            address -> {
              byte[] bytes = address.getAddress();
              if (address instanceof Inet4Address) {
                keys.add("IP " + address.getHostAddress());
                keys.add(
                    String.format(
                        Locale.ROOT,
                        "IP range %d.%d.%d.0/24",
                        bytes[0] & 0xFF,
                        bytes[1] & 0xFF,
                        bytes[2] & 0xFF));
              } else if (address instanceof Inet6Address) {
                byte[] prefix = new byte[16];
                System.arraycopy(bytes, 0, prefix, 0, 8);
                keys.add("IP range " + InetAddresses.toAddrString(toAddress(prefix)) + "/64");
              }
            });
  }

  /** An IP literal (never a host name: no DNS look-up on the hot path). */
  static Optional<InetAddress> parseIp(String ip) {
    if (ip == null || ip.isBlank()) {
      return Optional.empty();
    }
    String literal = ip.strip();
    return InetAddresses.isInetAddress(literal)
        ? Optional.of(InetAddresses.forString(literal))
        : Optional.empty();
  }

  private static InetAddress toAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("16 bytes are an IPv6 address", e);
    }
  }
}
