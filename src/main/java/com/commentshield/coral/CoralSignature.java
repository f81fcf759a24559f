package com.commentshield.coral;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coral's request signature ({@code X-Coral-Signature}): one or more {@code sha256=<hex>} joined by
 * commas, each the HMAC-SHA256 of the raw body keyed with one of the phase's active signing secrets
 * (the whole {@code empsec_...} string). While Coral rotates a secret it signs with the old and the
 * new one; while CommentShield's admins rotate, several secrets are stored here. A request is
 * genuine when any signature matches any stored secret, compared in constant time.
 */
public final class CoralSignature {

  private static final String PREFIX = "sha256=";

  /** More signatures than a rotation produces are not looked at. */
  private static final int MAX_SIGNATURES = 10;

  private CoralSignature() {}

  /** The first of {@code secrets} that signed {@code body} according to {@code header}. */
  public static <S> Optional<S> signer(
      byte[] body, String header, List<S> secrets, java.util.function.Function<S, String> key) {
    if (header == null || header.isBlank() || secrets.isEmpty()) {
      return Optional.empty();
    }
    List<byte[]> given = signatures(header);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    for (S secret : secrets) {
      byte[] expected = hmac(key.apply(secret), body);
      for (byte[] signature : given) {
        if (MessageDigest.isEqual(expected, signature)) {
          return Optional.of(secret);
        }
      }
    }
    return Optional.empty();
  }

  /** The header's well-formed {@code sha256=} signatures; anything else in it is ignored. */
  static List<byte[]> signatures(String header) {
    return java.util.Arrays.stream(header.split(",", MAX_SIGNATURES + 1))
        .limit(MAX_SIGNATURES)
        .map(String::strip)
        .filter(e -> e.startsWith(PREFIX) && e.length() == PREFIX.length() + 64)
        .map(e -> e.substring(PREFIX.length()))
        .flatMap(
            hex -> {
              try {
                return java.util.stream.Stream.of(HexFormat.of().parseHex(hex));
              } catch (IllegalArgumentException notHex) {
                return java.util.stream.Stream.empty();
              }
            })
        .toList();
  }

  /** The header value Coral sends for {@code body} signed with {@code secrets}, in that order. */
  public static String header(byte[] body, List<String> secrets) {
    return String.join(
        ",", secrets.stream().map(s -> PREFIX + HexFormat.of().formatHex(hmac(s, body))).toList());
  }

  static byte[] hmac(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
