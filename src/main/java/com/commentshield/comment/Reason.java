package com.commentshield.comment;

/**
 * One feature or signal that moved the decision.
 *
 * @param kind {@code word}, {@code phrase}, {@code signal}, {@code policy}, or {@code rule} (a rule
 *     that decided alone: a list, a remembered verdict, a honeypot, a test trigger)
 * @param feature what was seen, e.g. {@code cialis} or {@code link shortener}
 * @param weight its share of the spam log-odds: positive pushes towards spam, negative towards ham
 */
public record Reason(String kind, String feature, double weight) {}
