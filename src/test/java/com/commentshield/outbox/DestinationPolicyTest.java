package com.commentshield.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The addresses a webhook may send to, and the reasons given for those it may not. */
class DestinationPolicyTest {

  private final DestinationPolicy strict = new DestinationPolicy(false);
  private final DestinationPolicy allowingLoopback = new DestinationPolicy(true);

  @Test
  void publicAndPrivateNetworkAddressesAreAllowed() {
    assertEquals(Optional.empty(), strict.refusal("https://203.0.113.10/hooks/commentshield"));
    assertEquals(Optional.empty(), strict.refusal("http://10.0.0.5:8080/wp-json/hook"));
    assertEquals(Optional.empty(), strict.refusal("http://192.168.1.20/hook"));
    assertEquals(Optional.empty(), strict.refusal("http://[fd12:3456::1]/hook"));
  }

  @Test
  void loopbackOnlyWhenAllowed() {
    assertTrue(strict.refusal("http://127.0.0.1:9000/hook").orElseThrow().contains("loopback"));
    assertTrue(strict.refusal("http://localhost/hook").orElseThrow().contains("loopback"));
    assertTrue(strict.refusal("http://[::1]/hook").orElseThrow().contains("loopback"));
    assertEquals(Optional.empty(), allowingLoopback.refusal("http://127.0.0.1:9000/hook"));
  }

  @Test
  void metadataLinkLocalUnspecifiedAndMulticastAreNeverAllowed() {
    for (DestinationPolicy policy : new DestinationPolicy[] {strict, allowingLoopback}) {
      assertTrue(
          policy
              .refusal("http://169.254.169.254/latest/meta-data/")
              .orElseThrow()
              .contains("link-local"));
      assertTrue(policy.refusal("http://[fe80::1]/").orElseThrow().contains("link-local"));
      assertTrue(policy.refusal("http://[fd00:ec2::254]/").orElseThrow().contains("metadata"));
      assertTrue(policy.refusal("http://100.100.100.200/").orElseThrow().contains("metadata"));
      assertTrue(policy.refusal("http://0.0.0.0:8080/").orElseThrow().contains("unspecified"));
      assertTrue(policy.refusal("http://[::]/").orElseThrow().contains("unspecified"));
      assertTrue(policy.refusal("http://224.0.0.1/").orElseThrow().contains("multicast"));
      assertTrue(policy.refusal("http://255.255.255.255/").orElseThrow().contains("broadcast"));
      // an IPv4 address written as IPv6 is the same address
      assertTrue(
          policy.refusal("http://[::ffff:169.254.169.254]/").orElseThrow().contains("link-local"));
    }
  }

  @Test
  void onlyPlainHttpAndHttpsUrlsWithAHostAndNoCredentials() {
    assertTrue(strict.refusal("ftp://203.0.113.10/").orElseThrow().contains("http or https"));
    assertTrue(strict.refusal("file:///etc/passwd").orElseThrow().contains("http or https"));
    assertTrue(strict.refusal("/relative/hook").orElseThrow().contains("http or https"));
    assertTrue(strict.refusal("http://exa mple.com/").orElseThrow().contains("http or https"));
    assertTrue(
        strict.refusal("https://user:secret@203.0.113.10/").orElseThrow().contains("password"));
    assertTrue(strict.refusal("https://203.0.113.10/#x").orElseThrow().contains("fragment"));
    assertTrue(
        strict.refusal("https://no-such-host.invalid/").orElseThrow().contains("does not resolve"));
  }
}
