package com.commentshield.admin;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * A new decision policy: either both thresholds, or a target false-positive rate from which the
 * block threshold is computed on the active model's held-out comments.
 *
 * @param review spam probability from which a comment is held for review
 * @param block spam probability from which a comment is blocked
 * @param targetFalsePositiveRate the share of ham that may be blocked, e.g. 0.005
 */
public record PolicyRequest(
    @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
        @DecimalMax(value = "1", message = "must be <= 1")
        Double review,
    @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
        @DecimalMax(value = "1", message = "must be <= 1")
        Double block,
    @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
        @DecimalMax(value = "1", inclusive = false, message = "must be < 1")
        Double targetFalsePositiveRate) {

  @AssertTrue(message = "give either review and block, or targetFalsePositiveRate alone")
  public boolean isOneForm() {
    boolean thresholds = review != null && block != null;
    boolean target = targetFalsePositiveRate != null;
    return thresholds != target && (target ? review == null && block == null : true);
  }

  @AssertTrue(message = "review must not exceed block")
  public boolean isOrdered() {
    return review == null || block == null || review <= block;
  }
}
