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
import com.commentshield.memory.Lists;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The moderation queue: stores flagged comments, lists them, records verdicts. */
@ApplicationScoped
public class ModerationService {

  /** How long a moderator may take back a verdict. */
  public static final Duration UNDO_WINDOW = Duration.ofSeconds(60);

  /** The history label of an undone verdict. */
  public static final String UNDONE = "undone";

  /** Words of a search beyond this many are ignored. */
  private static final int MAX_SEARCH_WORDS = 8;

  private final ObjectMapper json;
  private final LabeledExamples examples;
  private final QueueWriter writer;
  private final Event<ItemJudged> judged;
  private final Event<ItemsQueued> requeued;
  private final Lists lists;

  public ModerationService(
      ObjectMapper json,
      LabeledExamples examples,
      QueueWriter writer,
      Event<ItemJudged> judged,
      Event<ItemsQueued> requeued,
      Lists lists) {
    this.json = json;
    this.examples = examples;
    this.writer = writer;
    this.judged = judged;
    this.requeued = requeued;
    this.lists = lists;
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
    if (q.search() != null) {
      String[] words = q.search().strip().toLowerCase(Locale.ROOT).split("\\s+");
      for (int w = 0; w < words.length && w < MAX_SEARCH_WORDS; w++) {
        if (words[w].isEmpty()) {
          continue;
        }
        String name = "search" + w;
        where
            .append(" and (lower(content) like :")
            .append(name)
            .append(" escape '\\' or lower(authorName) like :")
            .append(name)
            .append(" escape '\\' or lower(authorEmail) like :")
            .append(name)
            .append(" escape '\\' or lower(ip) like :")
            .append(name)
            .append(" escape '\\' or lower(site) like :")
            .append(name)
            .append(" escape '\\')");
        params.and(name, "%" + escapeLike(words[w]) + "%");
      }
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

  /** Pending items per decision ({@code review}, {@code block}), both always present. */
  @Transactional
  public Map<String, Long> countPendingByDecision() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("review", 0L);
    counts.put("block", 0L);
    FlaggedItem.getEntityManager()
        .createQuery(
            "select decision, count(*) from FlaggedItem where status = :status group by decision",
            Object[].class)
        .setParameter("status", FlaggedItem.PENDING)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
    return counts;
  }

  /**
   * Takes back verdicts: each item returns to pending, its labeled example is removed, and the
   * undoing joins its history (label {@code undone}). Only the moderator who gave a verdict may
   * undo it, and only within {@link #UNDO_WINDOW} of giving it; otherwise nothing is changed.
   */
  @Transactional
  public List<ModerationDtos.Item> undo(List<Long> ids, String by) {
    OffsetDateTime now = OffsetDateTime.now();
    List<FlaggedItem> items = new ArrayList<>();
    for (long id : ids) {
      FlaggedItem item = lockItem(id);
      if (item == null) {
        throw ClientProblem.notFound("no queued item with id " + id + "; nothing was undone");
      }
      if (!FlaggedItem.RESOLVED.equals(item.status) || item.decidedAt == null) {
        throw ClientProblem.conflict("item " + id + " has no verdict to undo; nothing was undone");
      }
      if (!by.equals(item.decidedBy)) {
        throw ClientProblem.conflict(
            "item " + id + " was judged by someone else; only they can undo it");
      }
      if (item.decidedAt.plus(UNDO_WINDOW).isBefore(now)) {
        throw ClientProblem.conflict(
            "the verdict on item "
                + id
                + " is older than "
                + UNDO_WINDOW.toSeconds()
                + " seconds; give a new verdict instead");
      }
      items.add(item);
    }
    List<ModerationDtos.Item> result = new ArrayList<>();
    for (FlaggedItem item : items) {
      VerdictHistory entry = new VerdictHistory();
      entry.itemId = item.id;
      entry.label = UNDONE;
      entry.note = "took back the verdict " + item.verdict;
      entry.decidedBy = by;
      entry.decidedAt = now;
      entry.persist();
      item.status = FlaggedItem.PENDING;
      item.verdict = null;
      item.note = null;
      item.decidedBy = null;
      item.decidedAt = null;
      examples.removeItemExample(item.id);
      result.add(toDto(item, true));
    }
    // receivers that heard the verdict hear that the items wait for a moderator again
    requeued.fire(new ItemsQueued(items));
    return result;
  }

  /**
   * Trusts the author of item {@code id}: an allow-list entry for the author's e-mail address (or,
   * when the item has none, the author name), so their next comments are allowed, and every pending
   * comment of theirs judged not spam.
   */
  @Transactional
  public TrustedAuthor trustAuthor(long id, String by) {
    FlaggedItem item = FlaggedItem.findById(id);
    if (item == null) {
      throw ClientProblem.notFound("no queued item with id " + id);
    }
    boolean byEmail = item.authorEmail != null && !item.authorEmail.isBlank();
    if (!byEmail && (item.authorName == null || item.authorName.isBlank())) {
      throw ClientProblem.conflict("item " + id + " names no author to trust");
    }
    Lists.Item entry =
        lists.add(
            new Lists.NewEntry(
                "allow",
                byEmail ? "email" : "author",
                byEmail ? item.authorEmail : item.authorName,
                "author trusted on the moderation page (item " + id + ")"),
            by);
    return new TrustedAuthor(entry, judgeAuthorPending(id, Label.HAM, by));
  }

  /**
   * What trusting an author did.
   *
   * @param entry the allow-list entry added
   * @param judged the author's pending items judged not spam
   */
  public record TrustedAuthor(Lists.Item entry, List<Long> judged) {}

  /**
   * Gives {@code label} to every pending item of the author of item {@code id}: the same e-mail
   * address (case-insensitive) or, when the item has none, the same author name. Returns the ids
   * judged (none when the item names no author).
   */
  @Transactional
  public List<Long> judgeAuthorPending(long id, Label label, String decidedBy) {
    FlaggedItem item = FlaggedItem.findById(id);
    if (item == null) {
      throw ClientProblem.notFound("no queued item with id " + id);
    }
    List<FlaggedItem> pending;
    if (item.authorEmail != null && !item.authorEmail.isBlank()) {
      pending =
          FlaggedItem.<FlaggedItem>find(
                  "status = ?1 and lower(authorEmail) = ?2 order by id",
                  FlaggedItem.PENDING,
                  item.authorEmail.toLowerCase(Locale.ROOT))
              .withLock(LockModeType.PESSIMISTIC_WRITE)
              .list();
    } else if (item.authorName != null && !item.authorName.isBlank()) {
      pending =
          FlaggedItem.<FlaggedItem>find(
                  "status = ?1 and authorName = ?2 and (authorEmail is null or authorEmail = '')"
                      + " order by id",
                  FlaggedItem.PENDING,
                  item.authorName)
              .withLock(LockModeType.PESSIMISTIC_WRITE)
              .list();
    } else {
      throw ClientProblem.conflict("item " + id + " names no author");
    }
    List<Long> judgedIds = new ArrayList<>();
    for (FlaggedItem p : pending) {
      judge(p, label, "all pending comments of this author", decidedBy, ExampleSource.MODERATOR);
      judgedIds.add(p.id);
    }
    return judgedIds;
  }

  /** Records a verdict, keeps it in the item's history and makes it a labeled example. */
  @Transactional
  public ModerationDtos.Item verdict(long id, Label label, String note, String decidedBy) {
    FlaggedItem item = lockItem(id);
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
      FlaggedItem item = lockItem(v.id());
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

  /**
   * The item, its row locked until the transaction ends: verdicts and undos of one item take turns,
   * so that its one labeled example is written or removed by one of them at a time.
   */
  private static FlaggedItem lockItem(long id) {
    return FlaggedItem.findById(id, LockModeType.PESSIMISTIC_WRITE);
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
