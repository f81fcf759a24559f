package com.commentshield.outbox;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A URL webhooks may send to ({@link DestinationPolicy}); the violation says why not. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WebhookUrlValidator.class)
public @interface WebhookUrl {

  String message() default "is not an address webhooks may send to";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
