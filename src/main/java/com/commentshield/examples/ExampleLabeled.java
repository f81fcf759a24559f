package com.commentshield.examples;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Label;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Fired by {@link LabeledExamples} for every example it writes (a moderator's verdict, a client's
 * report, imported rows), once per transaction: observers that act after the commit see only
 * examples that were stored.
 *
 * @param examples what was labeled, in the order it was written
 */
public record ExampleLabeled(List<Example> examples) {

  /**
   * One labeled comment.
   *
   * @param exampleId the stored example's id
   * @param itemId the queued item it judged, or null
   * @param comment the comment
   * @param label spam or ham
   * @param source who labeled it
   * @param labeledBy the user or client that labeled it
   * @param labeledAt when
   */
  public record Example(
      long exampleId,
      Long itemId,
      Comment comment,
      Label label,
      ExampleSource source,
      String labeledBy,
      OffsetDateTime labeledAt) {

    public boolean spam() {
      return label == Label.SPAM;
    }
  }
}
