package com.commentshield.coral;

import static com.commentshield.coral.CoralRequests.VECTOR_SECOND_SECRET;
import static com.commentshield.coral.CoralRequests.VECTOR_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Coral's signature against the test vector computed outside Java (Python's hmac and openssl, in
 * the research notes), with a request serialised as Coral serialises it.
 */
class CoralSignatureTest {

  private static final String VECTOR_SIGNATURE =
      "sha256=3c4f5c5ba711ed415e8288362d6d0732cb9ecb98e7d894f9938b198e073a9802";

  @Test
  void theRequestIsSerialisedByteForByteAsCoralDoes() {
    byte[] body = CoralRequests.vector();
    assertEquals(518, body.length);
    String text = new String(body, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\n  \"action\": \"NEW\",\n  \"comment\": {\n    \"body\": "));
    assertTrue(text.contains("\"parentID\": null\n  },"));
    assertTrue(text.endsWith("\"tenantDomain\": \"comments.news.example.com\"\n}"));
  }

  @Test
  void theVectorsSignatureIsRecognised() {
    byte[] body = CoralRequests.vector();
    assertEquals(VECTOR_SIGNATURE, CoralRequests.signature(body, VECTOR_SECRET));
    assertEquals(Optional.of(VECTOR_SECRET), signer(body, VECTOR_SIGNATURE, VECTOR_SECRET));
  }

  @Test
  void duringARotationEitherSecretIsEnough() {
    byte[] body = CoralRequests.vector();
    String both = CoralRequests.signature(body, VECTOR_SECRET, VECTOR_SECOND_SECRET);
    String second = both.split(",")[1];
    assertTrue(second.startsWith("sha256=38f88f05") && second.endsWith("c5c6d"), second);
    // Coral signs with the old and the new secret; CommentShield knows only one of them
    assertEquals(Optional.of(VECTOR_SECRET), signer(body, both, VECTOR_SECRET));
    assertEquals(Optional.of(VECTOR_SECOND_SECRET), signer(body, both, VECTOR_SECOND_SECRET));
    // CommentShield knows both, Coral has finished rotating and signs with the new one only
    assertEquals(
        Optional.of(VECTOR_SECOND_SECRET),
        signer(body, second, "empsec_retired0000000000", VECTOR_SECOND_SECRET));
  }

  @Test
  void aChangedBodyOrAnotherSecretIsNotRecognised() {
    byte[] body = CoralRequests.vector();
    byte[] tampered = body.clone();
    tampered[100] ^= 1;
    assertEquals(Optional.empty(), signer(tampered, VECTOR_SIGNATURE, VECTOR_SECRET));
    assertEquals(Optional.empty(), signer(body, VECTOR_SIGNATURE, VECTOR_SECOND_SECRET));
    // the body with a trailing newline is another body
    byte[] newline = (new String(body, StandardCharsets.UTF_8) + "\n").getBytes();
    assertEquals(Optional.empty(), signer(newline, VECTOR_SIGNATURE, VECTOR_SECRET));
    for (String header :
        new String[] {
          "",
          "sha256=",
          "sha1=" + VECTOR_SIGNATURE.substring(7),
          VECTOR_SIGNATURE.substring(7),
          "sha256=zz" + VECTOR_SIGNATURE.substring(9),
          VECTOR_SIGNATURE + "00"
        }) {
      assertEquals(Optional.empty(), signer(body, header, VECTOR_SECRET), header);
    }
    assertEquals(Optional.empty(), signer(body, null, VECTOR_SECRET));
    assertEquals(
        Optional.of(VECTOR_SECRET),
        signer(body, " sha1=abc , " + VECTOR_SIGNATURE + " ", VECTOR_SECRET),
        "other entries and spaces around a good signature do no harm");
  }

  private static Optional<String> signer(byte[] body, String header, String... secrets) {
    return CoralSignature.signer(body, header, List.of(secrets), Function.identity());
  }
}
