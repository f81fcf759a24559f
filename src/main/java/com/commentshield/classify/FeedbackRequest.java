package com.commentshield.classify;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Label;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A client's report that a comment is spam or ham. Name a queued item by {@code id} or {@code
 * externalId}, or send the comment itself as {@code /classify} takes it.
 *
 * @param id the queue id returned by /classify
 * @param externalId the caller's own id of the comment
 * @param content the comment text, for comments that were never queued
 * @param author the comment's author
 * @param context where it was posted
 * @param label spam or ham
 */
public record FeedbackRequest(
    Long id,
    @Size(max = 200, message = "must be at most 200 characters") String externalId,
    @Size(max = 10_000, message = "must be at most 10000 characters") String content,
    @Valid ClassifyRequest.AuthorFields author,
    @Valid ClassifyRequest.ContextFields context,
    @NotNull(message = "must be 'spam' or 'ham'") Label label) {

  /** The reported comment, or null when the report only names a queued item. */
  public Comment comment() {
    if (content == null) {
      return null;
    }
    return new Comment(
        content,
        author == null ? null : author.toAuthor(),
        context == null ? null : context.toContext());
  }
}
