package com.commentshield.outbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with the JDK, as webhook signatures use it. */
public final class Hmac {

  private Hmac() {}

  /** The lowercase hex HMAC-SHA256 of {@code data} keyed with the UTF-8 bytes of {@code secret}. */
  public static String sha256Hex(String secret, byte[] data) {
    return HexFormat.of().formatHex(sha256(secret, data));
  }

  public static byte[] sha256(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
