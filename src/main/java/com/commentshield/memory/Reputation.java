package com.commentshield.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spam and ham verdicts per key (a link domain, an e-mail address, an IP range, a name), each
 * counting less as it ages: a verdict {@code halfLife} old counts half.
 *
 * <p>Counts are kept scaled to a fixed epoch (a verdict at time t adds {@code 2^((t-epoch)/h)}), so
 * adding, taking back and decaying are exact without touching stored counts; reading divides by the
 * scale of now.
 *
 * <p>A key enters the decision as log-odds with one pseudo-verdict of each kind as the prior,
 * {@code ln((spam+1)/(ham+1))}: no evidence weighs 0, four spam verdicts and no ham weigh ln 5 =
 * 1.6, and the weight is capped so that no single key decides alone. Counts rather than a learned
 * weight, because a site's first verdicts must act at once, long before a model could learn them.
 */
final class Reputation {

  /** Decayed counts of a key at some moment, and how many verdicts they come from. */
  record Counts(double spam, double ham, int spamVerdicts, int hamVerdicts) {
    double logOdds() {
      return Math.log((spam + 1) / (ham + 1));
    }
  }

  private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

  private final double halfLifeSeconds;
  private final ConcurrentHashMap<String, Counts> scaled = new ConcurrentHashMap<>();

  Reputation(Duration halfLife) {
    this.halfLifeSeconds = Math.max(1, halfLife.toSeconds());
  }

  /** Counts (sign 1) or takes back (sign -1) one verdict for {@code key}. */
  void add(String key, boolean spam, Instant at, int sign) {
    double w = sign * scale(at);
    scaled.compute(
        key,
        (k, old) -> {
          double s = (old == null ? 0 : old.spam()) + (spam ? w : 0);
          double h = (old == null ? 0 : old.ham()) + (spam ? 0 : w);
          int sv = (old == null ? 0 : old.spamVerdicts()) + (spam ? sign : 0);
          int hv = (old == null ? 0 : old.hamVerdicts()) + (spam ? 0 : sign);
          return sv <= 0 && hv <= 0
              ? null
              : new Counts(Math.max(0, s), Math.max(0, h), Math.max(0, sv), Math.max(0, hv));
        });
  }

  /** The key's counts as of {@code now}, or null when it has none. */
  Counts at(String key, Instant now) {
    Counts c = scaled.get(key);
    if (c == null) {
      return null;
    }
    double unscale = 1 / scale(now);
    return new Counts(c.spam() * unscale, c.ham() * unscale, c.spamVerdicts(), c.hamVerdicts());
  }

  int size() {
    return scaled.size();
  }

  private double scale(Instant at) {
    return Math.pow(2, (at.getEpochSecond() - EPOCH.getEpochSecond()) / halfLifeSeconds);
  }
}
