package com.commentshield.moderation;

import com.commentshield.comment.Label;
import com.commentshield.common.ClientProblem;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.text.TextFingerprint;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns: pending items that are near-copies of each other (the same fingerprint test as the
 * site's memory), shown as one group and judged with one verdict. A campaign is named by the
 * smallest id among its items, so its id stays while new copies join it.
 */
@ApplicationScoped
public class Campaigns {

  /** Pending items read for grouping; a queue longer than this is grouped by its oldest items. */
  static final int GROUPED_AT_MOST = 5000;

  /**
   * A group of pending near-copies.
   *
   * @param id the smallest item id of the group
   * @param count how many items it holds
   * @param firstAt when the first of them arrived
   * @param lastAt when the last of them arrived
   * @param sample the text of the first
   * @param itemIds the items, oldest first
   */
  public record Campaign(
      long id,
      int count,
      OffsetDateTime firstAt,
      OffsetDateTime lastAt,
      String sample,
      List<Long> itemIds) {}

  /**
   * The verdict on a campaign.
   *
   * @param label spam or ham
   * @param note kept with each item's verdict
   */
  public record CampaignVerdict(Label label, String note) {}

  private final CommentShieldConfig config;
  private final ModerationService moderation;

  /** Fingerprints of items by id: an item's text never changes, so it is fingerprinted once. */
  private final Map<Long, TextFingerprint> fingerprints = new ConcurrentHashMap<>();

  public Campaigns(CommentShieldConfig config, ModerationService moderation) {
    this.config = config;
    this.moderation = moderation;
  }

  /** Every campaign of two or more pending items, largest first. */
  @Transactional
  public List<Campaign> pending() {
    List<FlaggedItem> items =
        FlaggedItem.<FlaggedItem>find(
                "status", Sort.ascending("receivedAt", "id"), FlaggedItem.PENDING)
            .page(0, GROUPED_AT_MOST)
            .list();
    List<Campaign> groups = group(items);
    if (fingerprints.size() > 4 * GROUPED_AT_MOST) {
      fingerprints.clear();
    }
    return groups;
  }

  /** Judges every pending item of a campaign, or none when one cannot be judged. */
  @Transactional
  public List<ModerationDtos.Item> judge(long campaignId, CampaignVerdict verdict, String by) {
    if (verdict == null || verdict.label() == null) {
      throw ClientProblem.invalid("label: must be 'spam' or 'ham'");
    }
    Campaign campaign =
        pending().stream()
            .filter(c -> c.id() == campaignId)
            .findFirst()
            .orElseThrow(
                () ->
                    ClientProblem.notFound(
                        "no campaign " + campaignId + " among the pending items"));
    List<ModerationDtos.BulkVerdict> verdicts =
        campaign.itemIds().stream()
            .map(
                id ->
                    new ModerationDtos.BulkVerdict(
                        id,
                        verdict.label(),
                        verdict.note() == null ? "campaign " + campaignId : verdict.note()))
            .toList();
    return moderation.bulkVerdict(verdicts, by);
  }

  private List<Campaign> group(List<FlaggedItem> items) {
    int n = items.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    TextFingerprint[] fps = new TextFingerprint[n];
    Map<Long, Integer> byText = new HashMap<>();
    Map<Long, List<Integer>> byBand = new HashMap<>();
    double similar = config.memory().nearCopySimilarity();
    for (int i = 0; i < n; i++) {
      FlaggedItem item = items.get(i);
      fps[i] =
          fingerprints.computeIfAbsent(
              item.id, id -> TextFingerprint.of(item.content, config.memory().nearCopyMinLength()));
      Integer same = byText.putIfAbsent(fps[i].exact(), i);
      if (same != null) {
        union(parent, same, i);
        continue;
      }
      if (!fps[i].nearCopyComparable()) {
        continue;
      }
      for (int band = 0; band < TextFingerprint.BANDS; band++) {
        List<Integer> bucket = byBand.computeIfAbsent(fps[i].bandKey(band), k -> new ArrayList<>());
        for (int j : bucket) {
          if (find(parent, j) != find(parent, i) && fps[i].similarity(fps[j]) >= similar) {
            union(parent, j, i);
          }
        }
        bucket.add(i);
      }
    }
    Map<Integer, List<FlaggedItem>> groups = new HashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(items.get(i));
    }
    List<Campaign> campaigns = new ArrayList<>();
    for (List<FlaggedItem> g : groups.values()) {
      if (g.size() < 2) {
        continue;
      }
      long id = g.stream().mapToLong(i -> i.id).min().orElseThrow();
      campaigns.add(
          new Campaign(
              id,
              g.size(),
              g.get(0).receivedAt,
              g.get(g.size() - 1).receivedAt,
              g.get(0).content,
              g.stream().map(i -> i.id).toList()));
    }
    campaigns.sort(
        (a, b) -> a.count() != b.count() ? b.count() - a.count() : Long.compare(a.id(), b.id()));
    return campaigns;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
