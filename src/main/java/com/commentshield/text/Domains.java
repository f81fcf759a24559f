package com.commentshield.text;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names and registrable domains: the domain a registrar sells, so that {@code
 * a.spam.example.co.uk} and {@code b.spam.example.co.uk} are one domain, by the public-suffix list
 * that Guava ships.
 */
public final class Domains {

  /** A link with a scheme or {@code www.}, or a bare name like {@code essays-fast.com}. */
  private static final Pattern HOST =
      Pattern.compile(
          "(?i)(?:(?:https?|hxxps?)://|www\\.)?((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63})(?![\\p{L}\\p{N}-])");

  private static final Pattern EMAIL_AT = Pattern.compile("@[^\\s@]*$");

  private Domains() {}

  /**
   * The registrable domain of a host name ({@code www.bbc.co.uk} gives {@code bbc.co.uk}), lower
   * case. A name whose ending the public-suffix list does not know (a new or a reserved top-level
   * domain such as {@code .example}) counts by its last two labels. Empty for no host name.
   */
  public static Optional<String> registrable(String host) {
    Optional<String> listed = underPublicSuffix(host);
    if (listed.isPresent() || host == null) {
      return listed;
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (!InternetDomainName.isValid(name)) {
      return Optional.empty();
    }
    InternetDomainName domain = InternetDomainName.from(name);
    if (domain.hasPublicSuffix()) {
      return Optional.empty();
    }
    List<String> labels = domain.parts();
    String last = labels.get(labels.size() - 1);
    return labels.size() >= 2 && last.length() >= 2 && last.chars().allMatch(Character::isLetter)
        ? Optional.of(labels.get(labels.size() - 2) + "." + last)
        : Optional.empty();
  }

  /** The registrable domain by the public-suffix list alone. */
  private static Optional<String> underPublicSuffix(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    try {
      name = IDN.toASCII(name);
      if (!InternetDomainName.isValid(name)) {
        return Optional.empty();
      }
      InternetDomainName domain = InternetDomainName.from(name);
      if (!domain.isUnderRegistrySuffix()) {
        return Optional.empty();
      }
      return Optional.of(domain.topDomainUnderRegistrySuffix().toString());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** The host of a web address ({@code https://a.example/x} gives {@code a.example}), if any. */
  public static Optional<String> hostOf(String url) {
    if (url == null) {
      return Optional.empty();
    }
    Matcher m = HOST.matcher(url.strip());
    return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** The domain part of an e-mail address, lower case. */
  public static Optional<String> ofEmail(String email) {
    if (email == null) {
      return Optional.empty();
    }
    Matcher m = EMAIL_AT.matcher(email.strip());
    return m.find() && m.group().length() > 1
        ? Optional.of(m.group().substring(1).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /**
   * The registrable domains a text links to, in order of first appearance: addresses with a scheme,
   * with {@code www.}, and bare names whose ending is a public suffix ({@code essays-fast.com}; not
   * {@code index.html} or {@code e.g}). E-mail addresses are left out.
   */
  public static List<String> linkedIn(String text) {
    Set<String> found = new LinkedHashSet<>();
    for (String host : linkedHosts(text)) {
      registrable(host).ifPresent(found::add);
    }
    return new ArrayList<>(found);
  }

  /**
   * The host names a text links to (as {@link #linkedIn} finds them), lower case, at most 20. The
   * text is read around its dots only, rather than by a pattern tried at every position: this runs
   * for every classified comment once the site's memory holds anything.
   */
  public static List<String> linkedHosts(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    int dot = text.indexOf('.');
    while (dot >= 0 && found.size() < 20) {
      int start = dot;
      while (start > 0 && (hostChar(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
        start--;
      }
      int end = dot;
      while (end < text.length() && (hostChar(text.charAt(end)) || text.charAt(end) == '.')) {
        end++;
      }
      int last = end;
      while (last > start && (text.charAt(last - 1) == '.' || text.charAt(last - 1) == '-')) {
        last--;
      }
      boolean email = start > 0 && text.charAt(start - 1) == '@';
      if (!email && last > start && text.lastIndexOf('.', last - 1) >= start) {
        String host = text.substring(start, last).toLowerCase(Locale.ROOT);
        boolean written = host.startsWith("www.") || text.startsWith("://", start - 3);
        // a bare name counts only under a known public suffix: not index.html or e.g
        if ((written ? registrable(host) : underPublicSuffix(host)).isPresent()) {
          found.add(host);
        }
      }
      dot = end < text.length() ? text.indexOf('.', end) : -1;
    }
    return new ArrayList<>(found);
  }

  private static boolean hostChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-';
  }

  /** Whether {@code host} is {@code domain} or one of its subdomains. */
  public static boolean within(String host, String domain) {
    return host.equals(domain) || host.endsWith("." + domain);
  }
}
