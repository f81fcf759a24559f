package com.commentshield.moderation;

import com.commentshield.classify.ClassifyRequest;
import com.commentshield.classify.ClassifyResponse;
import com.commentshield.classify.Reason;
import com.commentshield.text.Comment;
import com.commentshield.training.LabeledExample;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
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
  private final Event<VerdictGiven> verdicts;
  private final QueueWriter writer;

  public ModerationService(ObjectMapper json, Event<VerdictGiven> verdicts, QueueWriter writer) {
    this.json = json;
    this.verdicts = verdicts;
    this.writer = writer;
  }

  /**
   * Queues a comment that was sent to review or block and waits until it is durable: committed (its
   * id is returned) or, while the database is unreachable, in the local spool (null).
   */
  public Long queue(ClassifyRequest request, ClassifyResponse response, String client) {
    try {
      return writer.submit(newItem(request, response, client)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Hands a flagged comment to the queue writer; see {@link QueueWriter#submit}. */
  public CompletableFuture<Long> queueAsync(
      ClassifyRequest request, ClassifyResponse response, String client) {
    return writer.submit(newItem(request, response, client));
  }

  private FlaggedItem newItem(ClassifyRequest request, ClassifyResponse response, String client) {
    FlaggedItem item = new FlaggedItem();
    item.receivedAt = OffsetDateTime.now();
    item.client = client;
    item.externalId = request.externalId();
    item.content = request.content();
    if (request.author() != null) {
      item.authorName = request.author().name();
      item.authorEmail = request.author().email();
      item.authorUrl = request.author().url();
    }
    if (request.context() != null) {
      item.site = request.context().site();
      item.permalink = request.context().permalink();
      item.ip = request.context().ip();
      item.userAgent = request.context().userAgent();
      item.commentType =
          request.context().type() == null
              ? null
              : request.context().type().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    item.spamProbability = response.spamProbability();
    item.decision = response.decision().id();
    item.modelVersion = response.modelVersion();
    item.reasons = writeReasons(response.reasons());
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
      throw new NotFoundException("no queued item with id " + id);
    }
    applyVerdict(item, label, note, decidedBy, LabeledExample.MODERATOR);
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
      throw new NotFoundException("no queued items with ids " + missing + "; nothing was changed");
    }
    List<ModerationDtos.Item> result = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      ModerationDtos.BulkVerdict v = verdicts.get(i);
      applyVerdict(items.get(i), v.label(), v.note(), decidedBy, LabeledExample.MODERATOR);
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

  void applyVerdict(
      FlaggedItem item, Label label, String note, String decidedBy, String exampleSource) {
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

    LabeledExample example = LabeledExample.forItem(item.id).orElseGet(LabeledExample::new);
    example.label = label.id();
    example.content = item.content;
    example.authorName = item.authorName;
    example.authorEmail = item.authorEmail;
    example.authorUrl = item.authorUrl;
    example.source = exampleSource;
    example.itemId = item.id;
    example.createdBy = decidedBy;
    example.createdAt = now;
    example.persist();
    verdicts.fire(
        new VerdictGiven(
            new Comment(item.content, item.authorName, item.authorEmail, item.authorUrl),
            label == Label.SPAM));
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
    LabeledExample.update(
        "authorEmail = null where itemId in"
            + " (select f.id from FlaggedItem f where f.personalDataErased = true)"
            + " and authorEmail is not null");
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
    ModerationDtos.Author author =
        i.authorName == null && i.authorEmail == null && i.authorUrl == null
            ? null
            : new ModerationDtos.Author(i.authorName, i.authorEmail, i.authorUrl);
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
