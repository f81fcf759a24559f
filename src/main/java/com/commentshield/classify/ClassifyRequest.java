package com.commentshield.classify;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.comment.CommentType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A comment to classify, as a client system sends it: validated here, then handed on as a {@link
 * Comment}.
 *
 * @param content the comment text; leading and trailing white space is trimmed
 * @param author who wrote it, as the comment form collected it
 * @param context where it was posted
 * @param externalId the calling system's own id for the comment
 */
@Schema(description = "A comment to classify")
public record ClassifyRequest(
    @Schema(
            required = true,
            minLength = 1,
            maxLength = MAX_CONTENT,
            examples = "Great post, thanks!")
        @NotBlank(message = "must not be empty")
        @Size(max = MAX_CONTENT, message = "must be at most 10000 characters")
        String content,
    @Valid AuthorFields author,
    @Valid ContextFields context,
    @Size(max = 200, message = "must be at most 200 characters") String externalId) {

  /** The longest comment text accepted, in characters. */
  public static final int MAX_CONTENT = 10_000;

  public ClassifyRequest {
    content = content == null ? null : content.strip();
  }

  /** The comment's author as a client sends it. */
  @Schema(name = "Author", description = "The comment's author as the comment form collected it")
  public record AuthorFields(
      @Size(max = 200, message = "must be at most 200 characters") String name,
      @Email(message = "must be an e-mail address")
          @Size(max = 320, message = "must be at most 320 characters")
          String email,
      @Size(max = 2000, message = "must be at most 2000 characters") String url) {

    Author toAuthor() {
      return new Author(name, email, url);
    }
  }

  /** Where and how the comment was posted, as a client sends it. */
  @Schema(name = "CommentContext", description = "Where and how the comment was posted")
  public record ContextFields(
      @Size(max = 200, message = "must be at most 200 characters") String site,
      @Size(max = 2000, message = "must be at most 2000 characters") String permalink,
      @Size(max = 64, message = "must be at most 64 characters") String ip,
      @Size(max = 1000, message = "must be at most 1000 characters") String userAgent,
      CommentType type) {

    CommentContext toContext() {
      return new CommentContext(site, permalink, ip, userAgent, type);
    }
  }

  /** The comment every stage after the door works with. */
  public Comment toComment() {
    return new Comment(
        content,
        author == null ? null : author.toAuthor(),
        context == null ? null : context.toContext());
  }
}
