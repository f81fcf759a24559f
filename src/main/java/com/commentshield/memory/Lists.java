package com.commentshield.memory;

import com.commentshield.common.ClientProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The allow and deny lists: edited by admins, stored in the database, held by every instance as an
 * immutable snapshot that {@link SiteMemory} reloads each sync period (and this instance at once
 * after its own edits).
 */
@ApplicationScoped
public class Lists {

  private static final Logger LOG = Logger.getLogger(Lists.class);

  /** An entry as the API shows it. */
  public record Item(
      long id,
      String list,
      String kind,
      String value,
      String note,
      String createdBy,
      OffsetDateTime createdAt) {}

  /** A new entry as an admin sends it. */
  public record NewEntry(String list, String kind, String value, String note) {}

  private volatile ListSnapshot current;

  ListSnapshot current() {
    ListSnapshot snapshot = current;
    if (snapshot == null) {
      reload();
      snapshot = current == null ? ListSnapshot.EMPTY : current;
    }
    return snapshot;
  }

  /** Reads the lists again; keeps the last snapshot when the database cannot be read. */
  void reload() {
    try {
      current = new ListSnapshot(readAll().stream().map(ListSnapshot::entryOf).toList());
    } catch (RuntimeException e) {
      LOG.warnf(
          "Could not read the allow and deny lists (keeping the last ones): %s", e.getMessage());
    }
  }

  @Transactional
  List<ListEntry> readAll() {
    return ListEntry.<ListEntry>find("order by id").list();
  }

  @Transactional
  public List<Item> all() {
    return readAll().stream().map(Lists::itemOf).toList();
  }

  /** Adds an entry; a 400 naming the field when one is missing or malformed. */
  public Item add(NewEntry entry, String by) {
    if (entry == null) {
      throw ClientProblem.invalid("send {\"list\",\"kind\",\"value\",\"note\"}");
    }
    String list = ListValues.list(entry.list());
    String kind = ListValues.kind(entry.kind());
    String value = ListValues.canonical(kind, entry.value());
    if (entry.note() != null && entry.note().length() > 500) {
      throw ClientProblem.invalid("note: at most 500 characters");
    }
    Item added = store(list, kind, value, entry.note(), by);
    reload();
    return added;
  }

  @Transactional
  Item store(String list, String kind, String value, String note, String by) {
    ListEntry e = new ListEntry();
    e.list = list;
    e.kind = kind;
    e.value = value;
    e.note = note == null || note.isBlank() ? null : note.strip();
    e.createdBy = by;
    e.createdAt = OffsetDateTime.now();
    e.persist();
    return itemOf(e);
  }

  /** Removes an entry; a 404 when there is none with this id. */
  public void remove(long id) {
    if (!delete(id)) {
      throw ClientProblem.notFound("no list entry with id " + id);
    }
    reload();
  }

  @Transactional
  boolean delete(long id) {
    return ListEntry.deleteById(id);
  }

  private static Item itemOf(ListEntry e) {
    return new Item(e.id, e.list, e.kind, e.value, e.note, e.createdBy, e.createdAt);
  }
}
