package com.commentshield.classify;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Label;
import com.commentshield.common.ClientProblem;
import com.commentshield.examples.ExampleSource;
import com.commentshield.examples.LabeledExamples;
import com.commentshield.moderation.FlaggedItem;
import com.commentshield.moderation.ModerationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
  private final LabeledExamples examples;

  public FeedbackService(ModerationService moderation, LabeledExamples examples) {
    this.moderation = moderation;
    this.examples = examples;
  }

  /**
   * Applies a client's label to the item it names by {@code itemId} or by {@code externalId}; when
   * no item is named, or the external id was never queued, the comment itself is stored as an
   * example.
   *
   * @param comment the reported comment, null when the report only names an item
   */
  @Transactional
  public Outcome report(
      String client, Long itemId, String externalId, Comment comment, Label label) {
    Optional<FlaggedItem> item = Optional.empty();
    if (itemId != null) {
      item =
          Optional.of(
              moderation
                  .findOwned(client, itemId)
                  .orElseThrow(
                      () ->
                          ClientProblem.notFound(
                              "no queued item with id " + itemId + " for this API key")));
    } else if (externalId != null && !externalId.isBlank()) {
      item = moderation.findByExternalId(client, externalId.strip());
    }
    String by = "client:" + client;
    if (item.isPresent()) {
      moderation.judge(item.get(), label, "reported by the client", by, ExampleSource.FEEDBACK);
      return new Outcome(examples.exampleOfItem(item.get().id).orElseThrow(), item.get().id);
    }
    if (comment == null || comment.content() == null || comment.content().isBlank()) {
      throw ClientProblem.invalid(
          externalId != null
              ? "no queued item with externalId '"
                  + externalId
                  + "': send the comment's content too"
              : "name a queued item by id or externalId, or send the comment's content");
    }
    Comment stripped = new Comment(comment.content().strip(), comment.author(), comment.context());
    return new Outcome(examples.add(stripped, label, ExampleSource.FEEDBACK, by), null);
  }
}
