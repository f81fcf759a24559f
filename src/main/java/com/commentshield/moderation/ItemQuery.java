package com.commentshield.moderation;

/**
 * Which queued items to list, and in what order.
 *
 * @param status pending or resolved; null for both
 * @param decision review or block; null for both
 * @param site only comments from this site
 * @param reason only items whose reasons mention this word (case-insensitive)
 * @param minProbability lowest spam probability, inclusive
 * @param maxProbability highest spam probability, inclusive
 * @param sort {@code newest} (default) or {@code probability} (most likely spam first)
 * @param page zero-based page number
 * @param size items per page
 * @param search words to find in the text, author name, e-mail address, IP address or site
 *     (case-insensitive, every word somewhere); null for no search
 */
public record ItemQuery(
    String status,
    String decision,
    String site,
    String reason,
    Double minProbability,
    Double maxProbability,
    String sort,
    int page,
    int size,
    String search) {

  public static final int MAX_PAGE_SIZE = 100;

  public ItemQuery(
      String status,
      String decision,
      String site,
      String reason,
      Double minProbability,
      Double maxProbability,
      String sort,
      int page,
      int size) {
    this(status, decision, site, reason, minProbability, maxProbability, sort, page, size, null);
  }

  public static ItemQuery pending() {
    return new ItemQuery(FlaggedItem.PENDING, null, null, null, null, null, "newest", 0, 20);
  }
}
