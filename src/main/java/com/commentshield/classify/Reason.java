package com.commentshield.classify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One feature or signal that moved the decision.
 *
 * @param kind {@code word}, {@code phrase}, {@code characters}, {@code signal} or {@code policy}
 * @param feature what was seen, e.g. {@code cialis} or {@code link shortener}
 * @param weight its share of the spam log-odds: positive pushes towards spam, negative towards ham
 */
@Schema(description = "A feature or signal that moved the decision")
public record Reason(String kind, String feature, double weight) {}
