package com.commentshield.outbox;

import java.util.Optional;

/** The events the outbox publishes. */
public enum EventType {
  /** A comment was sent to review or block and waits in the moderation queue. */
  ITEM_QUEUED("item.queued"),
  /** A queued comment got a verdict (or a changed one). */
  ITEM_JUDGED("item.judged");

  private final String id;

  EventType(String id) {
    this.id = id;
  }

  /** The name on the wire and in {@code X-CommentShield-Event}. */
  public String id() {
    return id;
  }

  public static Optional<EventType> fromId(String id) {
    for (EventType t : values()) {
      if (t.id.equals(id)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
