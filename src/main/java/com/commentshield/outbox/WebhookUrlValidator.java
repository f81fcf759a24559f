package com.commentshield.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks a webhook URL with {@link DestinationPolicy} and, when it is refused, names the reason in
 * the message. A bean, so that the policy's configuration is injected.
 */
@ApplicationScoped
public class WebhookUrlValidator implements ConstraintValidator<WebhookUrl, String> {

  private final DestinationPolicy destinations;

  public WebhookUrlValidator(DestinationPolicy destinations) {
    this.destinations = destinations;
  }

  @Override
  public boolean isValid(String url, ConstraintValidatorContext context) {
    if (url == null || url.isBlank() || url.length() > 2000) {
      return true; // @NotBlank and @Size speak for these
    }
    return destinations
        .refusal(url.strip())
        .map(
            reason -> {
              context.disableDefaultConstraintViolation();
              context.buildConstraintViolationWithTemplate(escape(reason)).addConstraintViolation();
              return false;
            })
        .orElse(true);
  }

  /** The reason may hold the host name: it must not be read as a message template. */
  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
  }
}
