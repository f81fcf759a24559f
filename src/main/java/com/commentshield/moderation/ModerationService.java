package com.commentshield.moderation;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.comment.CommentType;
import com.commentshield.comment.Label;
import com.commentshield.comment.Reason;
import com.commentshield.common.ClientProblem;
import com.commentshield.common.StorableText;
import com.commentshield.examples.ExampleSource;
import com.commentshield.examples.LabeledExamples;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The moderation queue: stores flagged comments, lists them, records verdicts. */
@ApplicationScoped
public class ModerationService {

  private final ObjectMapper json;
  private final LabeledExamples examples;
  private final QueueWriter writer;
  private final Event<ItemJudged> judged;

  public ModerationService(
      ObjectMapper json, LabeledExamples examples, QueueWriter writer, Event<ItemJudged> judged) {
    this.json = json;
    this.examples = examples;
    this.writer = writer;
    this.judged = judged;
  }

  /**
   * Queues a comment that was sent to review or block and waits until it is durable: committed (its
   * id is returned) or, while the database is unreachable, in the local spool (null).
   */
  public Long queue(QueuedComment queued) {
    try {
      return writer.submit(newItem(queued)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Hands a flagged comment to the queue writer; see {@link QueueWriter#submit}. */
  public CompletableFuture<Long> queueAsync(QueuedComment queued) {
    return writer.submit(newItem(queued));
  }

  /**
   * The queue row for a flagged comment. Text the databases cannot store (U+0000, lone surrogates)
   * becomes U+FFFD here, before the item is written or spooled and so before it is acknowledged.
   */
  private FlaggedItem newItem(QueuedComment queued) {
    Comment comment = queued.comment();
    FlaggedItem item = new FlaggedItem();
    item.receivedAt = OffsetDateTime.now();
    item.client = StorableText.clean(queued.client());
    item.externalId = StorableText.clean(queued.externalId());
    item.content = StorableText.clean(comment.content());
    item.authorName = StorableText.clean(comment.authorName());
    item.authorEmail = StorableText.clean(comment.authorEmail());
    item.authorUrl = StorableText.clean(comment.authorUrl());
    item.site = StorableText.clean(comment.site());
    item.permalink = StorableText.clean(comment.permalink());
    item.ip = StorableText.clean(comment.ip());
    item.userAgent = StorableText.clean(comment.userAgent());
    item.commentType = comment.type() == null ? null : comment.type().id();
    item.spamProbability = queued.spamProbability();
    item.decision = queued.decision().id();
    item.modelVersion = queued.modelVersion();
    item.reasons = StorableText.clean(writeReasons(queued.reasons()));
    item.status = FlaggedItem.PENDING;
    return item;
  }

  @Transactional
  public ModerationDtos.ItemPage list(ItemQuery q) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (q.status() != null) {
      where.append(" and status = :status");
      params.and("status", q.status());
    }
    if (q.decision() != null) {
      where.append(" and decision = :decision");
      params.and("decision", q.decision());
    }
    if (q.site() != null) {
      where.append(" and site = :site");
      params.and("site", q.site());
    }
    if (q.reason() != null) {
      where.append(" and lower(reasons) like :reason escape '\\'");
      params.and("reason", "%" + escapeLike(q.reason().toLowerCase(Locale.ROOT)) + "%");
    }
    if (q.minProbability() != null) {
      where.append(" and spamProbability >= :min");
      params.and("min", q.minProbability());
    }
    if (q.maxProbability() != null) {
      where.append(" and spamProbability <= :max");
      params.and("max", q.maxProbability());
    }
    Sort sort =
        "probability".equals(q.sort())
            ? Sort.descending("spamProbability").and("id", Sort.Direction.Descending)
            : Sort.descending("receivedAt").and("id", Sort.Direction.Descending);
    var query = FlaggedItem.<FlaggedItem>find(where.toString(), sort, params);
    long total = query.count();
    List<ModerationDtos.Item> items =
        query.page(Page.of(q.page(), q.size())).list().stream().map(i -> toDto(i, false)).toList();
    return new ModerationDtos.ItemPage(items, total, q.page(), q.size());
  }

  @Transactional
  public Optional<ModerationDtos.Item> get(long id) {
    return FlaggedItem.<FlaggedItem>findByIdOptional(id).map(i -> toDto(i, true));
  }

  @Transactional
  public long countPending() {
    return FlaggedItem.count("status", FlaggedItem.PENDING);
  }

  /** Records a verdict, keeps it in the item's history and makes it a labeled example. */
  @Transactional
  public ModerationDtos.Item verdict(long id, Label label, String note, String decidedBy) {
    FlaggedItem item = FlaggedItem.findById(id);
    if (item == null) {
      throw ClientProblem.notFound("no queued item with id " + id);
    }
    judge(item, label, note, decidedBy, ExampleSource.MODERATOR);
    return toDto(item, true);
  }

  /** Applies every verdict or, if one names an unknown item, none. */
  @Transactional
  public List<ModerationDtos.Item> bulkVerdict(
      List<ModerationDtos.BulkVerdict> verdicts, String decidedBy) {
    List<FlaggedItem> items = new ArrayList<>();
    List<Long> missing = new ArrayList<>();
    for (ModerationDtos.BulkVerdict v : verdicts) {
      FlaggedItem item = FlaggedItem.findById(v.id());
      if (item == null) {
        missing.add(v.id());
      }
      items.add(item);
    }
    if (!missing.isEmpty()) {
      throw ClientProblem.notFound("no queued items with ids " + missing + "; nothing was changed");
    }
    List<ModerationDtos.Item> result = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      ModerationDtos.BulkVerdict v = verdicts.get(i);
      judge(items.get(i), v.label(), v.note(), decidedBy, ExampleSource.MODERATOR);
      result.add(toDto(items.get(i), false));
    }
    return result;
  }

  /** The newest item a client queued under its own id, if any. */
  @Transactional
  public Optional<FlaggedItem> findByExternalId(String client, String externalId) {
    return FlaggedItem.<FlaggedItem>find(
            "client = ?1 and externalId = ?2", Sort.descending("id"), client, externalId)
        .firstResultOptional();
  }

  /** The item with this id if {@code client} queued it. */
  @Transactional
  public Optional<FlaggedItem> findOwned(String client, long id) {
    return FlaggedItem.<FlaggedItem>findByIdOptional(id).filter(i -> client.equals(i.client));
  }

  /**
   * The newest item the client queued with this text (on this page, when {@code permalink} is
   * given): for submissions that carry the comment again rather than an id.
   */
  @Transactional
  public Optional<FlaggedItem> findByContent(String client, String content, String permalink) {
    if (content == null || content.isBlank()) {
      return Optional.empty();
    }
    var query =
        permalink == null
            ? FlaggedItem.<FlaggedItem>find(
                "client = ?1 and content = ?2", Sort.descending("id"), client, content)
            : FlaggedItem.<FlaggedItem>find(
                "client = ?1 and content = ?2 and permalink = ?3",
                Sort.descending("id"),
                client,
                content,
                permalink);
    return query.firstResultOptional();
  }

  /**
   * Records a verdict on an item: the item is resolved, the verdict joins its history, and it
   * becomes the item's labeled example (the one writer of examples fires the event).
   */
  @Transactional
  public void judge(
      FlaggedItem item, Label label, String note, String decidedBy, ExampleSource source) {
    OffsetDateTime now = OffsetDateTime.now();
    item.status = FlaggedItem.RESOLVED;
    item.verdict = label.id();
    item.note = note;
    item.decidedBy = decidedBy;
    item.decidedAt = now;

    VerdictHistory entry = new VerdictHistory();
    entry.itemId = item.id;
    entry.label = label.id();
    entry.note = note;
    entry.decidedBy = decidedBy;
    entry.decidedAt = now;
    entry.persist();

    examples.judgeItem(item.id, commentOf(item), label, source, decidedBy, now);
    judged.fire(new ItemJudged(item, label, decidedBy, now));
  }

  /** The comment an item holds. */
  public static Comment commentOf(FlaggedItem i) {
    CommentType type = null;
    for (CommentType t : CommentType.values()) {
      if (t.id().equals(i.commentType)) {
        type = t;
      }
    }
    return new Comment(
        i.content,
        Author.ofNullable(i.authorName, i.authorEmail, i.authorUrl),
        new CommentContext(i.site, i.permalink, i.ip, i.userAgent, type));
  }

  /**
   * Erases IP address, e-mail address and user agent of items received before {@code cutoff}; the
   * text and the verdict stay for training.
   */
  @Transactional
  public int erasePersonalData(OffsetDateTime cutoff) {
    int items =
        FlaggedItem.update(
            "ip = null, authorEmail = null, userAgent = null, personalDataErased = true"
                + " where receivedAt < ?1 and personalDataErased = false",
            cutoff);
    examples.eraseEmailsOfErasedItems();
    return items;
  }

  ModerationDtos.Item toDto(FlaggedItem i, boolean withHistory) {
    List<ModerationDtos.HistoryEntry> history =
        withHistory
            ? VerdictHistory.ofItem(i.id).stream()
                .map(
                    h -> new ModerationDtos.HistoryEntry(h.label, h.note, h.decidedBy, h.decidedAt))
                .toList()
            : null;
    Author author = Author.ofNullable(i.authorName, i.authorEmail, i.authorUrl);
    return new ModerationDtos.Item(
        i.id,
        i.receivedAt,
        i.site,
        i.externalId,
        i.permalink,
        i.commentType,
        i.content,
        author,
        i.ip,
        i.userAgent,
        i.spamProbability,
        i.decision,
        i.modelVersion,
        readReasons(i.reasons),
        i.status,
        i.verdict,
        i.decidedBy,
        i.decidedAt,
        i.note,
        history);
  }

  private String writeReasons(List<Reason> reasons) {
    try {
      String text = json.writeValueAsString(reasons == null ? List.of() : reasons);
      return text.length() <= 4000 ? text : "[]";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("reasons are plain records", e);
    }
  }

  private List<Reason> readReasons(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    try {
      return json.readValue(text, new TypeReference<List<Reason>>() {});
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
