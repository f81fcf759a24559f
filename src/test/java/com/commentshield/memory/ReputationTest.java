package com.commentshield.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReputationTest {

  private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void aVerdictCountsHalfAfterOneHalfLife() {
    Reputation r = new Reputation(Duration.ofDays(30));
    r.add("link domain spam.example", true, now.minus(Duration.ofDays(30)), 1);
    Reputation.Counts c = r.at("link domain spam.example", now);
    assertEquals(0.5, c.spam(), 1e-9);
    assertEquals(1, c.spamVerdicts());
    assertEquals(Math.log(1.5), c.logOdds(), 1e-9);
  }

  @Test
  void takingAVerdictBackLeavesNothing() {
    Reputation r = new Reputation(Duration.ofDays(30));
    r.add("IP 203.0.113.7", false, now, 1);
    r.add("IP 203.0.113.7", false, now, -1);
    assertNull(r.at("IP 203.0.113.7", now));
  }

  @Test
  void fourSpamVerdictsWeighLnFive() {
    Reputation r = new Reputation(Duration.ofDays(30));
    for (int i = 0; i < 4; i++) {
      r.add("k", true, now, 1);
    }
    assertEquals(Math.log(5), r.at("k", now).logOdds(), 1e-9);
  }

  @Test
  void keysNameLinkDomainsAddressesRangesAndNames() {
    Comment c =
        new Comment(
            "great post http://a.essays-fast.example.com/x",
            new Author("Ann", "Ann@Writers.example.org", "https://www.ann.example.net/about"),
            new CommentContext("blog.example", null, "203.0.113.7", null, null));
    assertEquals(
        List.of(
            "link domain example.com",
            "author site example.net",
            "author e-mail ann@writers.example.org",
            "e-mail domain writers.example.org",
            "IP 203.0.113.7",
            "IP range 203.0.113.0/24",
            "author name ann on blog.example"),
        ReputationKeys.of(c));
  }

  @Test
  void freeMailDomainsAndIpv6UseTheirOwnKeys() {
    Comment c =
        new Comment(
            "hi",
            new Author(null, "someone@gmail.com", null),
            new CommentContext(null, null, "2001:db8:1:2:3:4:5:6", null, null));
    assertEquals(
        List.of("author e-mail someone@gmail.com", "IP range 2001:db8:1:2::/64"),
        ReputationKeys.of(c));
  }
}
