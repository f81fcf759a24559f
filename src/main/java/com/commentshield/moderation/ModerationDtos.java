package com.commentshield.moderation;

import com.commentshield.comment.Author;
import com.commentshield.comment.Label;
import com.commentshield.comment.Reason;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** The request and answer shapes of the moderation API. */
public final class ModerationDtos {

  private ModerationDtos() {}

  /**
   * A queued comment as moderators see it.
   *
   * @param history every verdict given so far, oldest first (only when one item is fetched)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      long id,
      OffsetDateTime receivedAt,
      String site,
      String externalId,
      String permalink,
      String type,
      String content,
      Author author,
      String ip,
      String userAgent,
      Double spamProbability,
      String decision,
      @JsonFormat(shape = JsonFormat.Shape.STRING) Integer modelVersion,
      List<Reason> reasons,
      String status,
      String verdict,
      String decidedBy,
      OffsetDateTime decidedAt,
      String note,
      List<HistoryEntry> history) {}

  /** One verdict of an item's audit trail. */
  public record HistoryEntry(
      String label, String note, String decidedBy, OffsetDateTime decidedAt) {}

  /** One page of a listing, with the total number of matching items. */
  public record ItemPage(List<Item> items, long total, int page, int size) {}

  /** A moderator's verdict on one item. */
  public record VerdictRequest(
      @NotNull(message = "must be 'spam' or 'ham'") Label label,
      @Size(max = 2000, message = "must be at most 2000 characters") String note) {}

  /** One entry of a bulk verdict. */
  public record BulkVerdict(
      @NotNull(message = "must name an item") Long id,
      @NotNull(message = "must be 'spam' or 'ham'") Label label,
      @Size(max = 2000, message = "must be at most 2000 characters") String note) {}

  /** Verdicts on many items at once; all are applied or none. */
  public record BulkVerdictRequest(
      @NotNull(message = "must list verdicts")
          @Size(min = 1, max = 500, message = "must hold 1 to 500 verdicts")
          List<@NotNull(message = "must not be null") @Valid BulkVerdict> verdicts) {}

  /** What a verdict on all of an author's pending comments judged. */
  public record AuthorVerdict(List<Long> judged) {}
}
