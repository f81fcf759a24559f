package com.commentshield.memory;

import com.commentshield.common.ClientProblem;
import com.commentshield.text.Domains;
import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/** The list names and kinds an entry may have, and each kind's value in canonical form. */
final class ListValues {

  static final Set<String> LISTS = Set.of("allow", "deny");
  static final Set<String> KINDS = Set.of("domain", "email", "ip", "author");

  private ListValues() {}

  static String list(String list) {
    if (list == null || !LISTS.contains(list)) {
      throw ClientProblem.invalid("list: must be \"allow\" or \"deny\", was " + quoted(list));
    }
    return list;
  }

  static String kind(String kind) {
    if (kind == null || !KINDS.contains(kind)) {
      throw ClientProblem.invalid(
          "kind: must be \"domain\", \"email\", \"ip\" or \"author\", was " + quoted(kind));
    }
    return kind;
  }

  /**
   * The value in the form it is matched in; a 400 naming the field when it is not a {@code kind}.
   */
  static String canonical(String kind, String value) {
    if (value == null || value.isBlank()) {
      throw ClientProblem.invalid("value: is required");
    }
    String v = value.strip();
    if (v.length() > 320) {
      throw ClientProblem.invalid("value: at most 320 characters");
    }
    return switch (kind) {
      case "domain" -> domain(v);
      case "email" -> email(v);
      case "ip" -> cidr(v);
      default -> v.toLowerCase(Locale.ROOT);
    };
  }

  private static String domain(String v) {
    String host = v.toLowerCase(Locale.ROOT);
    try {
      host = IDN.toASCII(host);
    } catch (IllegalArgumentException e) {
      throw ClientProblem.invalid("value: " + quoted(v) + " is not a domain name");
    }
    if (!InternetDomainName.isValid(host) || Domains.registrable(host).isEmpty()) {
      throw ClientProblem.invalid(
          "value: "
              + quoted(v)
              + " is not a domain name under a public suffix (e.g. spam.example.com)");
    }
    return host;
  }

  private static String email(String v) {
    int at = v.lastIndexOf('@');
    if (at < 1 || at == v.length() - 1 || v.indexOf(' ') >= 0) {
      throw ClientProblem.invalid("value: " + quoted(v) + " is not an e-mail address");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** An IP address or CIDR range, as {@code network/prefix} with the host bits cleared. */
  static String cidr(String v) {
    int slash = v.indexOf('/');
    String address = slash < 0 ? v : v.substring(0, slash);
    if (!InetAddresses.isInetAddress(address)) {
      throw ClientProblem.invalid(
          "value: " + quoted(v) + " is not an IP address or range (e.g. 203.0.113.0/24)");
    }
    InetAddress ip = InetAddresses.forString(address);
    int bits = ip.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(v.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw ClientProblem.invalid(
            "value: the prefix length of " + quoted(v) + " must be 0 to " + bits);
      }
    }
    byte[] network = masked(ip.getAddress(), prefix);
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(network)) + "/" + prefix;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes", e);
    }
  }

  static byte[] masked(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xFF << (8 - keep));
    }
    return out;
  }

  private static String quoted(String s) {
    return s == null ? "nothing" : "\"" + s + "\"";
  }
}
