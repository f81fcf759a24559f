package com.commentshield.moderation;

import com.commentshield.comment.Reason;
import com.commentshield.text.TextNormalizer;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/**
 * A queued item as the moderation page shows it: the item, and the normalised text when the comment
 * hides its words (look-alike letters, leetspeak, spaced letters, invisible characters), so that
 * the moderator reads what the model read.
 *
 * @param item the item
 * @param normalized the text the features were computed from, or null when it reads the same
 * @param tricks the obfuscation tricks undone, for the label beside the normalised text
 */
public record QueueEntry(ModerationDtos.Item item, String normalized, String tricks) {

  static QueueEntry of(ModerationDtos.Item item) {
    TextNormalizer.Result r = TextNormalizer.normalize(item.content());
    StringBuilder tricks = new StringBuilder();
    append(tricks, r.lookAlike(), "look-alike letters");
    append(tricks, r.leetspeak(), "leetspeak");
    append(tricks, r.spacedLetters(), "spaced letters");
    append(tricks, r.zeroWidth(), "invisible characters");
    return new QueueEntry(
        item, tricks.isEmpty() ? null : r.text(), tricks.isEmpty() ? null : tricks.toString());
  }

  private static void append(StringBuilder sb, boolean present, String trick) {
    if (present) {
      sb.append(sb.isEmpty() ? "" : ", ").append(trick);
    }
  }

  /** A reason's weight with its sign: {@code +1.25} pushes towards spam, {@code -0.40} away. */
  @TemplateExtension
  static String weightText(Reason reason) {
    return String.format(Locale.ROOT, "%+.2f", reason.weight());
  }

  /** Which way a reason pushes: {@code spam} or {@code ham}, for its colour. */
  @TemplateExtension
  static String direction(Reason reason) {
    return reason.weight() >= 0 ? "spam" : "ham";
  }
}
