package com.commentshield.classify;

import com.commentshield.text.Comment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A comment to classify.
 *
 * @param content the comment text; leading and trailing white space is trimmed
 * @param author who wrote it, as the comment form collected it
 * @param context where it was posted
 * @param externalId the calling system's own id for the comment
 */
@Schema(description = "A comment to classify")
public record ClassifyRequest(
    @Schema(required = true, minLength = 1, maxLength = 10_000, examples = "Great post, thanks!")
        @NotBlank(message = "must not be empty")
        @Size(max = 10_000, message = "must be at most 10000 characters")
        String content,
    @Valid Author author,
    @Valid CommentContext context,
    @Size(max = 200, message = "must be at most 200 characters") String externalId) {

  public ClassifyRequest {
    content = content == null ? null : content.strip();
  }

  /** The parts of the request the featurizer looks at. */
  public Comment toComment() {
    return author == null
        ? Comment.of(content)
        : new Comment(content, author.name(), author.email(), author.url());
  }
}
