package com.commentshield.outbox;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The fields of a new webhook agree: the {@code akismet} format needs the site's Akismet key and
 * its client label and sends verdicts only (the plugin has nothing to do with a queued comment); an
 * Akismet key belongs to that format only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentWebhook.Validator.class)
public @interface ConsistentWebhook {

  String message() default "the webhook's fields do not agree";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Names the field that is missing or out of place. */
  class Validator implements ConstraintValidator<ConsistentWebhook, WebhookDtos.NewWebhook> {

    @Override
    public boolean isValid(WebhookDtos.NewWebhook w, ConstraintValidatorContext context) {
      if (w == null) {
        return true;
      }
      boolean akismet = WebhookFormat.AKISMET.id().equals(w.format());
      context.disableDefaultConstraintViolation();
      boolean valid = true;
      if (akismet && (w.akismetKey() == null || w.akismetKey().isBlank())) {
        valid = violation(context, "akismetKey", "is required for the akismet format");
      }
      if (akismet && w.clientLabel() == null) {
        valid =
            violation(
                context,
                "clientLabel",
                "is required for the akismet format: the label of the site's API key");
      }
      if (akismet && w.events() != null && !w.events().equals(List.of("item.judged"))) {
        valid = violation(context, "events", "must be [\"item.judged\"] for the akismet format");
      }
      if (!akismet && w.akismetKey() != null) {
        valid = violation(context, "akismetKey", "belongs to the akismet format only");
      }
      return valid;
    }

    private static boolean violation(
        ConstraintValidatorContext context, String field, String message) {
      context
          .buildConstraintViolationWithTemplate(message)
          .addPropertyNode(field)
          .addConstraintViolation();
      return false;
    }
  }
}
