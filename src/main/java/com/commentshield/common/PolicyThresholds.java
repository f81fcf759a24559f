package com.commentshield.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The review threshold is at most the block threshold; each one's own range is checked on the key
 * itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PolicyThresholds.Check.class)
public @interface PolicyThresholds {

  String message() default
      "review must not be above block: set commentshield.policy.review at most"
          + " commentshield.policy.block";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the pair; a pair with a value out of range is left to that value's own message. */
  class Check implements ConstraintValidator<PolicyThresholds, CommentShieldConfig.Policy> {
    @Override
    public boolean isValid(CommentShieldConfig.Policy policy, ConstraintValidatorContext context) {
      return policy == null || !(policy.review() > policy.block());
    }
  }
}
