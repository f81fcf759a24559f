package com.commentshield.examples;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Label;
import com.commentshield.model.LabeledText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of labeled examples, whatever their source: a moderator's verdict, a client's
 * report, an imported row. Every write fires {@link ExampleLabeled}, so whatever learns from labels
 * (online learning, verdict memory, automatic retraining) hears of all of them.
 */
@ApplicationScoped
public class LabeledExamples {

  private final Event<ExampleLabeled> labeled;
  private final Event<ExampleRemoved> removed;

  public LabeledExamples(Event<ExampleLabeled> labeled, Event<ExampleRemoved> removed) {
    this.labeled = labeled;
    this.removed = removed;
  }

  /** Makes {@code label} the example of a queued item: one example per item, its latest verdict. */
  @Transactional
  public long judgeItem(
      long itemId,
      Comment comment,
      Label label,
      ExampleSource source,
      String by,
      OffsetDateTime at) {
    LabeledExample example = LabeledExample.forItem(itemId).orElseGet(LabeledExample::new);
    example.itemId = itemId;
    write(example, comment, label, source, by, at);
    labeled.fire(new ExampleLabeled(List.of(exampleOf(example, comment, label, source))));
    return example.id;
  }

  /** Stores a labeled comment that is no queued item (a client's report of an unqueued comment). */
  @Transactional
  public long add(Comment comment, Label label, ExampleSource source, String by) {
    LabeledExample example = new LabeledExample();
    write(example, comment, label, source, by, OffsetDateTime.now());
    labeled.fire(new ExampleLabeled(List.of(exampleOf(example, comment, label, source))));
    return example.id;
  }

  /** Stores every row or, when one fails, none; one event for all of them. */
  @Transactional
  public int importAll(List<LabeledText> rows, String by) {
    OffsetDateTime now = OffsetDateTime.now();
    List<ExampleLabeled.Example> written = new ArrayList<>(rows.size());
    for (LabeledText row : rows) {
      Label label = row.spam() ? Label.SPAM : Label.HAM;
      LabeledExample example = new LabeledExample();
      write(example, row.comment(), label, ExampleSource.IMPORT, by, now);
      written.add(exampleOf(example, row.comment(), label, ExampleSource.IMPORT));
    }
    labeled.fire(new ExampleLabeled(written));
    return written.size();
  }

  /** Every stored example, oldest first, as training reads them. */
  @Transactional
  public List<LabeledText> all() {
    return LabeledExample.<LabeledExample>find("order by id").list().stream()
        .map(LabeledExample::toLabeledText)
        .toList();
  }

  /**
   * Removes the example a queued item became (its verdict was undone) and fires {@link
   * ExampleRemoved}; false when the item had none.
   */
  @Transactional
  public boolean removeItemExample(long itemId) {
    java.util.Optional<LabeledExample> example = LabeledExample.forItem(itemId);
    if (example.isEmpty()) {
      return false;
    }
    LabeledExample e = example.get();
    removed.fire(new ExampleRemoved(e.id, itemId, Label.fromId(e.label)));
    e.delete();
    return true;
  }

  /** The id of the example a queued item became, if it was judged. */
  @Transactional
  public java.util.Optional<Long> exampleOfItem(long itemId) {
    return LabeledExample.forItem(itemId).map(e -> e.id);
  }

  /** Erases the e-mail address of examples whose queued item had its personal data erased. */
  @Transactional
  public void eraseEmailsOfErasedItems() {
    LabeledExample.update(
        "authorEmail = null where itemId in"
            + " (select f.id from FlaggedItem f where f.personalDataErased = true)"
            + " and authorEmail is not null");
  }

  private static void write(
      LabeledExample example,
      Comment comment,
      Label label,
      ExampleSource source,
      String by,
      OffsetDateTime at) {
    example.label = label.id();
    example.content = comment.content();
    example.authorName = comment.authorName();
    example.authorEmail = comment.authorEmail();
    example.authorUrl = comment.authorUrl();
    example.source = source.id();
    example.createdBy = by;
    example.createdAt = at;
    example.persist();
  }

  private static ExampleLabeled.Example exampleOf(
      LabeledExample e, Comment comment, Label label, ExampleSource source) {
    return new ExampleLabeled.Example(
        e.id, e.itemId, comment, label, source, e.createdBy, e.createdAt);
  }
}
