package com.commentshield.akismet;

import com.commentshield.moderation.FlaggedItem;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Finds the queued item an Akismet submission is about. */
@ApplicationScoped
public class QueuedComments {

  /** The item this door queued under the guid it handed out (the item's external id). */
  @Transactional
  public Optional<Long> byGuid(String client, String guid) {
    return FlaggedItem.<FlaggedItem>find(
            "client = ?1 and externalId = ?2", Sort.descending("id"), client, guid)
        .firstResultOptional()
        .map(i -> i.id);
  }

  /**
   * The newest item the client queued with this text on this page. Submit-spam and submit-ham carry
   * the comment again, not an id, so its text (and permalink, when sent) is what names it.
   */
  @Transactional
  public Optional<Long> byContent(String client, String content, String permalink) {
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
    return query.firstResultOptional().map(i -> i.id);
  }
}
