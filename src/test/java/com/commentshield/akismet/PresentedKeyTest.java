package com.commentshield.akismet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresentedKeyTest {

  private static AkismetForm form(String body) {
    return AkismetForm.parse(body.getBytes(StandardCharsets.US_ASCII), null, null);
  }

  @Test
  void theKeyFieldComesFirstThenApiKeyThenTheHostName() {
    assertEquals(
        Optional.of("k1"),
        PresentedKey.of(form("key=k1&api_key=k2"), "/1.1/verify-key", "k3.rest.akismet.com"));
    assertEquals(
        Optional.of("k2"), PresentedKey.of(form("api_key=k2"), "/1.1/x", "k3.rest.akismet.com"));
    assertEquals(Optional.of("k3"), PresentedKey.of(form(""), "/1.1/x", "k3.rest.akismet.com:80"));
  }

  @Test
  void anAbsoluteFormRequestTargetWinsOverTheHostHeader() {
    assertEquals(
        Optional.of("k4"),
        PresentedKey.hostPrefix("http://k4.rest.akismet.com/1.1/comment-check", "127.0.0.1:8080"));
  }

  @Test
  void addressesAndSingleLabelHostsCarryNoKey() {
    assertEquals(Optional.empty(), PresentedKey.hostPrefix("/1.1/x", "127.0.0.1:8080"));
    assertEquals(Optional.empty(), PresentedKey.hostPrefix("/1.1/x", "[::1]:8080"));
    assertEquals(Optional.empty(), PresentedKey.hostPrefix("/1.1/x", "localhost"));
    assertEquals(Optional.empty(), PresentedKey.hostPrefix("/1.1/x", null));
  }
}
