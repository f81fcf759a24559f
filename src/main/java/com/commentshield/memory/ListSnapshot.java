package com.commentshield.memory;

import com.commentshield.comment.Comment;
import com.commentshield.text.Domains;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow and deny lists as one instance holds them, immutable: matching a comment reads no
 * database. Deny wins over allow, so one trusted address cannot carry a denied link through.
 */
final class ListSnapshot {

  /** An entry as matching needs it. */
  record Entry(long id, String list, String kind, String value, String note, Range range) {
    boolean deny() {
      return "deny".equals(list);
    }

    /** How a reason names it: {@code deny list: domain spam.example ("essay mill")}. */
    String describe() {
      return list
          + " list: "
          + kind
          + " "
          + value
          + (note == null || note.isBlank() ? "" : " (" + note + ")")
          + " #"
          + id;
    }
  }

  /** An IP range: network bytes and prefix length. */
  record Range(byte[] network, int prefix) {
    boolean contains(InetAddress ip) {
      byte[] a = ip.getAddress();
      return a.length == network.length && Arrays.equals(ListValues.masked(a, prefix), network);
    }
  }

  static final ListSnapshot EMPTY = new ListSnapshot(List.of());

  private final List<Entry> entries;

  ListSnapshot(List<Entry> entries) {
    List<Entry> ordered = new ArrayList<>(entries);
    ordered.sort((a, b) -> Boolean.compare(b.deny(), a.deny()));
    this.entries = List.copyOf(ordered);
  }

  static Entry entryOf(ListEntry e) {
    Range range = null;
    if ("ip".equals(e.kind)) {
      int slash = e.value.indexOf('/');
      range =
          new Range(
              ReputationKeys.parseIp(e.value.substring(0, slash)).orElseThrow().getAddress(),
              Integer.parseInt(e.value.substring(slash + 1)));
    }
    return new Entry(e.id, e.list, e.kind, e.value, e.note, range);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  List<Entry> entries() {
    return entries;
  }

  /** The first entry that matches the comment, deny entries first. */
  Optional<Entry> match(Comment comment) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    List<String> hosts = null;
    String email = ReputationKeys.email(comment.authorEmail());
    Optional<InetAddress> ip = null;
    String name =
        comment.authorName() == null ? null : comment.authorName().strip().toLowerCase(Locale.ROOT);
    for (Entry e : entries) {
      boolean matches =
          switch (e.kind()) {
            case "domain" -> {
              if (hosts == null) {
                hosts = hostsOf(comment, email);
              }
              yield hosts.stream().anyMatch(h -> Domains.within(h, e.value()));
            }
            case "email" -> e.value().equals(email);
            case "ip" -> {
              if (ip == null) {
                ip = ReputationKeys.parseIp(comment.ip());
              }
              yield ip.isPresent() && e.range().contains(ip.get());
            }
            case "author" -> e.value().equals(name);
            default -> false;
          };
      if (matches) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Hosts of the comment's links, of the author's web site and of the author's e-mail address. */
  private static List<String> hostsOf(Comment comment, String email) {
    List<String> hosts = new ArrayList<>(Domains.linkedHosts(comment.content()));
    Domains.hostOf(comment.authorUrl()).ifPresent(hosts::add);
    if (email != null) {
      Domains.ofEmail(email).ifPresent(hosts::add);
    }
    return hosts;
  }
}
