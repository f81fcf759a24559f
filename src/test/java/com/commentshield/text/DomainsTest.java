package com.commentshield.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainsTest {

  @Test
  void subdomainsShareTheirRegistrableDomain() {
    assertEquals(Optional.of("spam-example.co.uk"), Domains.registrable("a.spam-example.co.uk"));
    assertEquals(Optional.of("spam.example"), Domains.registrable("b.spam.example"));
    assertEquals(Optional.of("bbc.co.uk"), Domains.registrable("www.bbc.co.uk"));
    assertEquals(Optional.empty(), Domains.registrable("co.uk"));
    assertEquals(Optional.empty(), Domains.registrable("not a host"));
  }

  @Test
  void linksWithAndWithoutSchemeAreFoundButNotFileNamesOrEmails() {
    List<String> found =
        Domains.linkedIn(
            "see https://a.essays-fast.com/x and b.essays-fast.com, www.github.com/o/r,"
                + " open index.html, e.g. this, mail me at joe@mailer.net, http://x.spam.example");
    assertEquals(List.of("essays-fast.com", "github.com", "spam.example"), found);
  }

  @Test
  void withinMatchesSubdomainsOnly() {
    assertTrue(Domains.within("a.spam.example", "spam.example"));
    assertTrue(Domains.within("spam.example", "spam.example"));
    assertFalse(Domains.within("notspam.example", "spam.example"));
  }
}
