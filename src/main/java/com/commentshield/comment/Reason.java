package com.commentshield.comment;

/**
 * One feature or signal that moved the decision.
 *
 * @param kind {@code word}, {@code phrase}, {@code characters}, {@code signal} (features and
 *     reputation), {@code policy}, {@code rule} (an allow or deny list entry, a door's test trigger
 *     or honeypot: it decided alone) or {@code memory} (a remembered verdict on the same text or a
 *     near-copy: it decided alone)
 * @param feature what was seen, e.g. {@code cialis} or {@code link shortener}
 * @param weight its share of the spam log-odds: positive pushes towards spam, negative towards ham
 */
public record Reason(String kind, String feature, double weight) {

  /** How a rule or memory reason weighs: far beyond any feature, as it decided alone. */
  public static final double RULE_WEIGHT = 10;
}
