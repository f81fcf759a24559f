package com.commentshield.outbox;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** What the webhook API takes and answers. */
public final class WebhookDtos {

  private WebhookDtos() {}

  /**
   * A webhook to register.
   *
   * @param url where deliveries are POSTed: http or https (see the SSRF rules in the docs)
   * @param events which events it receives: {@code item.queued}, {@code item.judged} or both
   * @param clientLabel when given, only items this client (API key label) queued
   * @param format {@code commentshield} (default) or {@code akismet} (see {@link WebhookFormat})
   * @param akismetKey for the akismet format: the site's Akismet key, which authorises the call
   */
  @ConsistentWebhook
  public record NewWebhook(
      @NotBlank(message = "is required")
          @Size(max = 2000, message = "must be at most 2000 characters")
          @WebhookUrl
          String url,
      @NotEmpty(message = "must name item.queued, item.judged or both")
          @Size(max = 10, message = "must name item.queued, item.judged or both")
          List<
                  @NotNull(message = "must not be null")
                  @Pattern(
                      regexp = "item\\.queued|item\\.judged",
                      message = "must be item.queued or item.judged")
                  String>
              events,
      @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
          @Pattern(
              regexp = "[\\p{L}\\p{N}._:@-][\\p{L}\\p{N} ._:@-]*",
              message = "may hold letters, digits, spaces and . _ : @ -")
          String clientLabel,
      @Pattern(regexp = "commentshield|akismet", message = "must be commentshield or akismet")
          String format,
      @Size(min = 12, max = 64, message = "must be 12 to 64 characters")
          @Pattern(regexp = "\\S+", message = "must not contain spaces")
          String akismetKey) {}

  /**
   * A registered webhook, with its secret: answered once, at registration.
   *
   * @param id the webhook's id
   * @param url where it sends
   * @param events what it receives
   * @param clientLabel the only client whose items it receives, or null for all
   * @param format what its deliveries look like
   * @param secret the key of {@code X-CommentShield-Signature}; shown only this once
   * @param createdAt when it was registered
   */
  public record CreatedWebhook(
      long id,
      String url,
      List<String> events,
      String clientLabel,
      String format,
      String secret,
      OffsetDateTime createdAt) {}

  /**
   * A webhook as listed.
   *
   * @param id its id
   * @param url where it sends
   * @param events what it receives
   * @param clientLabel the only client whose items it receives, or null for all
   * @param format what its deliveries look like
   * @param createdAt when it was registered
   * @param createdBy who registered it
   * @param pending deliveries waiting to be sent or retried
   * @param failingSince when its receiver started failing, null while it answers
   * @param consecutiveFailures failed attempts in a row
   * @param pausedUntil until when nothing is sent, after repeated failures
   * @param lastDeliveries its most recent deliveries, newest first
   */
  public record Webhook(
      long id,
      String url,
      List<String> events,
      String clientLabel,
      String format,
      OffsetDateTime createdAt,
      String createdBy,
      long pending,
      OffsetDateTime failingSince,
      int consecutiveFailures,
      OffsetDateTime pausedUntil,
      List<Delivery> lastDeliveries) {}

  /**
   * One event sent, or to be sent, to one webhook.
   *
   * @param id the delivery's id (for redelivery)
   * @param webhookId the webhook
   * @param eventId the event's id, sent as {@code X-CommentShield-Delivery}
   * @param type the event type
   * @param itemId the queued item it is about
   * @param state pending, delivered or failed (given up after the retry period)
   * @param attempts attempts so far
   * @param createdAt when it was created
   * @param lastAttemptAt when it was last tried
   * @param nextAttemptAt when it will be tried next, while pending
   * @param deliveredAt when the receiver accepted it
   * @param lastStatus the HTTP status of the last answer, null when there was none
   * @param lastError what went wrong the last time, null after success
   * @param lastDurationMs how long the last attempt took
   * @param payload the event (only when one delivery is asked for); the akismet format sends it in
   *     the Akismet plugin's shape
   */
  public record Delivery(
      long id,
      long webhookId,
      String eventId,
      String type,
      long itemId,
      String state,
      int attempts,
      OffsetDateTime createdAt,
      OffsetDateTime lastAttemptAt,
      OffsetDateTime nextAttemptAt,
      OffsetDateTime deliveredAt,
      Integer lastStatus,
      String lastError,
      Integer lastDurationMs,
      @JsonRawValue String payload) {}

  /**
   * A page of deliveries, newest first.
   *
   * @param deliveries the deliveries
   * @param next the {@code before} value for the next (older) page, null on the last
   */
  public record DeliveryPage(List<Delivery> deliveries, Long next) {}

  /**
   * A page of the verdict feed.
   *
   * @param verdicts item.judged events, oldest first, each as a webhook delivers it
   * @param next the cursor to send as {@code after} next time (the same when nothing was new)
   */
  public record FeedPage(List<JsonNode> verdicts, String next) {}
}
