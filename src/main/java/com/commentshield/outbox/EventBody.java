package com.commentshield.outbox;

import com.commentshield.moderation.FlaggedItem;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An event as receivers see it: the body of a webhook delivery and an entry of the verdict feed.
 * Written once, when the event is, and sent byte for byte as stored, so that a redelivery carries
 * the same body and signature input as the first attempt.
 *
 * @param id the event's id, also sent as {@code X-CommentShield-Delivery}
 * @param type {@code item.queued} or {@code item.judged}
 * @param createdAt when the event happened (UTC, ISO 8601)
 * @param item the queued item as it was at that moment
 */
@JsonPropertyOrder({"id", "type", "createdAt", "item"})
public record EventBody(String id, String type, String createdAt, Item item) {

  /** Its own mapper: the wire format must not change with the service's JSON settings. */
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The item an event is about. Every field is present, null when unknown, so that receivers see
   * one shape.
   *
   * @param id the queue id, as {@code /classify} answered it
   * @param externalId the client's own id of the comment
   * @param site the site the comment was posted to
   * @param permalink the page it belongs to
   * @param decision what the service decided: review or block
   * @param label the verdict, spam or ham ({@code item.judged} only)
   * @param decidedBy who gave the verdict
   * @param decidedAt when
   * @param clientLabel the client that sent the comment
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({
    "id",
    "externalId",
    "site",
    "permalink",
    "decision",
    "label",
    "decidedBy",
    "decidedAt",
    "clientLabel"
  })
  public record Item(
      Long id,
      String externalId,
      String site,
      String permalink,
      String decision,
      String label,
      String decidedBy,
      String decidedAt,
      String clientLabel) {}

  static EventBody queued(FlaggedItem item, Instant at) {
    return new EventBody(
        newEventId(at),
        EventType.ITEM_QUEUED.id(),
        format(at),
        new Item(
            item.id,
            item.externalId,
            item.site,
            item.permalink,
            item.decision,
            null,
            null,
            null,
            item.client));
  }

  static EventBody judged(
      FlaggedItem item, String label, String decidedBy, OffsetDateTime decidedAt, Instant at) {
    return new EventBody(
        newEventId(at),
        EventType.ITEM_JUDGED.id(),
        format(at),
        new Item(
            item.id,
            item.externalId,
            item.site,
            item.permalink,
            item.decision,
            label,
            decidedBy,
            decidedAt == null ? null : format(decidedAt.toInstant()),
            item.client));
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event is a plain record", e);
    }
  }

  static String format(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * A version 7 UUID: the time in milliseconds, then random bits. Event ids need to be unique, not
   * secret, so the random part comes from {@link ThreadLocalRandom}: {@link UUID#randomUUID()}
   * draws from one shared {@code SecureRandom}, which every queue write would contend for.
   */
  static String newEventId(Instant at) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = at.toEpochMilli();
    long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
