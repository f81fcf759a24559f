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
    int size) {

  public static final int MAX_PAGE_SIZE = 100;

  public static ItemQuery pending() {
    return new ItemQuery(FlaggedItem.PENDING, null, null, null, null, null, "newest", 0, 20);
  }
}
