package com.commentshield.moderation;

import com.commentshield.classify.Author;
import com.commentshield.training.LabeledExample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Client feedback, like Akismet's submit-spam and submit-ham: a site reports spam the service
 * missed or a comment it wrongly flagged, and the report becomes a labeled example.
 */
@ApplicationScoped
public class FeedbackService {

  /** What became of a report. */
  public record Outcome(long exampleId, Long itemId) {}

  private final ModerationService moderation;

  public FeedbackService(ModerationService moderation) {
    this.moderation = moderation;
  }

  /**
   * Applies a client's label to the item it names by {@code itemId} or by {@code externalId}; when
   * no item is named, or the external id was never queued, the comment text itself is stored as an
   * example.
   */
  @Transactional
  public Outcome report(
      String client, Long itemId, String externalId, String content, Author author, Label label) {
    Optional<FlaggedItem> item = Optional.empty();
    if (itemId != null) {
      FlaggedItem found = FlaggedItem.findById(itemId);
      if (found == null || !client.equals(found.client)) {
        throw new NotFoundException("no queued item with id " + itemId + " for this API key");
      }
      item = Optional.of(found);
    } else if (externalId != null && !externalId.isBlank()) {
      item = moderation.findByExternalId(client, externalId.strip());
    }
    String by = "client:" + client;
    if (item.isPresent()) {
      moderation.applyVerdict(
          item.get(), label, "reported by the client", by, LabeledExample.FEEDBACK);
      long exampleId = LabeledExample.forItem(item.get().id).orElseThrow().id;
      return new Outcome(exampleId, item.get().id);
    }
    if (content == null || content.isBlank()) {
      throw new BadRequestException(
          externalId != null
              ? "no queued item with externalId '"
                  + externalId
                  + "': send the comment's content too"
              : "name a queued item by id or externalId, or send the comment's content");
    }
    LabeledExample example = new LabeledExample();
    example.label = label.id();
    example.content = content.strip();
    if (author != null) {
      example.authorName = author.name();
      example.authorEmail = author.email();
      example.authorUrl = author.url();
    }
    example.source = LabeledExample.FEEDBACK;
    example.createdBy = by;
    example.createdAt = OffsetDateTime.now();
    example.persist();
    return new Outcome(example.id, null);
  }
}
