package com.commentshield.examples;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Label;
import com.commentshield.common.CriteriaQueries;
import com.commentshield.common.StorableText;
import com.commentshield.model.LabeledText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
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

  /**
   * Makes {@code label} the example of a queued item: one example per item, its latest verdict. A
   * changed verdict replaces the earlier example by a new row (a new id), so that every instance's
   * memory, which follows examples by id, hears of the change.
   */
  @Transactional
  public long judgeItem(
      long itemId,
      Comment comment,
      Label label,
      ExampleSource source,
      String by,
      OffsetDateTime at) {
    LabeledExample.delete("itemId", itemId);
    LabeledExample.getEntityManager().flush();
    LabeledExample example = new LabeledExample();
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

  /**
   * Up to {@code limit} examples with an id above {@code afterId}, oldest first: how an instance's
   * memory catches up with examples other instances wrote.
   */
  @Transactional
  public List<ExampleLabeled.Example> after(long afterId, int limit) {
    // Criteria, not HQL: the site's memory catches up while the service starts (CriteriaQueries)
    EntityManager em = CriteriaQueries.entityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<LabeledExample> query = cb.createQuery(LabeledExample.class);
    Root<LabeledExample> row = query.from(LabeledExample.class);
    query.select(row).where(cb.gt(row.get("id"), afterId)).orderBy(cb.asc(row.get("id")));
    return em.createQuery(query).setMaxResults(limit).getResultList().stream()
        .map(LabeledExamples::exampleOf)
        .toList();
  }

  /** The newest {@code limit} examples, oldest first: what an instance remembers at start. */
  @Transactional
  public List<ExampleLabeled.Example> newest(int limit) {
    List<ExampleLabeled.Example> newestFirst =
        newestRows(limit).stream()
            .map(LabeledExamples::exampleOf)
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * The newest {@code limit} rows, newest first; a Criteria query, not HQL: the site's memory reads
   * them while the service starts (CriteriaQueries).
   */
  private static List<LabeledExample> newestRows(int limit) {
    EntityManager em = CriteriaQueries.entityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<LabeledExample> query = cb.createQuery(LabeledExample.class);
    Root<LabeledExample> row = query.from(LabeledExample.class);
    query.select(row).orderBy(cb.desc(row.get("id")));
    return em.createQuery(query).setMaxResults(limit).getResultList();
  }

  /**
   * Examples with an id above {@code afterId} as training reads them, oldest first, each with its
   * id: the site's labels a retraining weighs and the gate compares models on.
   */
  @Transactional
  public List<Numbered> numberedAfter(long afterId) {
    return LabeledExample.<LabeledExample>find("id > ?1 order by id", afterId).list().stream()
        .map(e -> new Numbered(e.id, e.toLabeledText()))
        .toList();
  }

  /** A labeled example with its id. */
  public record Numbered(long id, LabeledText example) {}

  /** How many examples have an id above {@code afterId}. */
  @Transactional
  public long countAfter(long afterId) {
    return LabeledExample.count("id > ?1", afterId);
  }

  /** The newest example's id, 0 when there is none. */
  @Transactional
  public long maxId() {
    Long max =
        LabeledExample.getEntityManager()
            .createQuery("select max(e.id) from LabeledExample e", Long.class)
            .getSingleResult();
    return max == null ? 0 : max;
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
    // U+0000 and lone surrogates as U+FFFD: PostgreSQL refuses the one and garbles the other
    example.content = StorableText.clean(comment.content());
    example.authorName = StorableText.clean(comment.authorName());
    example.authorEmail = StorableText.clean(comment.authorEmail());
    example.authorUrl = StorableText.clean(comment.authorUrl());
    example.site = StorableText.clean(clip(comment.site(), 200));
    example.ip = StorableText.clean(clip(comment.ip(), 64));
    example.source = source.id();
    example.createdBy = by;
    example.createdAt = at;
    example.persist();
  }

  private static String clip(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }

  private static ExampleLabeled.Example exampleOf(LabeledExample e) {
    return new ExampleLabeled.Example(
        e.id,
        e.itemId,
        e.comment(),
        "spam".equals(e.label) ? Label.SPAM : Label.HAM,
        ExampleSource.valueOf(e.source.toUpperCase(java.util.Locale.ROOT)),
        e.createdBy,
        e.createdAt);
  }

  private static ExampleLabeled.Example exampleOf(
      LabeledExample e, Comment comment, Label label, ExampleSource source) {
    return new ExampleLabeled.Example(
        e.id, e.itemId, comment, label, source, e.createdBy, e.createdAt);
  }
}
