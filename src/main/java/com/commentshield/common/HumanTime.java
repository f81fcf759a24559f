package com.commentshield.common;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the pages show them: how long ago in words ("5 min ago"), with the exact time in UTC for
 * the hover title. Templates call them on any {@link OffsetDateTime}: {@code {t.ago}}, {@code
 * {t.exact}}, {@code {t.iso}}.
 */
public final class HumanTime {

  private static final DateTimeFormatter EXACT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ROOT);

  private HumanTime() {}

  /** "just now", "40 s ago", "5 min ago", "3 h ago", "yesterday", "4 days ago" or the date. */
  @TemplateExtension
  public static String ago(OffsetDateTime time) {
    return ago(time, OffsetDateTime.now());
  }

  static String ago(OffsetDateTime time, OffsetDateTime now) {
    if (time == null) {
      return "";
    }
    long seconds = Duration.between(time, now).toSeconds();
    if (seconds < 0) {
      return seconds > -60 ? "just now" : "in " + words(-seconds);
    }
    if (seconds < 10) {
      return "just now";
    }
    if (seconds >= 2 * 86_400 && seconds < 7 * 86_400) {
      return seconds / 86_400 + " days ago";
    }
    if (seconds >= 86_400 && seconds < 2 * 86_400) {
      return "yesterday";
    }
    if (seconds >= 7 * 86_400) {
      return time.withOffsetSameInstant(ZoneOffset.UTC).format(DAY);
    }
    return words(seconds) + " ago";
  }

  private static String words(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h";
    }
    return seconds / 86_400 + " days";
  }

  /** The exact time in UTC to the second, e.g. {@code 2026-12-03 09:14:07 UTC}. */
  @TemplateExtension
  public static String exact(OffsetDateTime time) {
    return time == null ? "" : time.withOffsetSameInstant(ZoneOffset.UTC).format(EXACT);
  }

  /** The machine-readable form for {@code <time datetime>}. */
  @TemplateExtension
  public static String iso(OffsetDateTime time) {
    return time == null
        ? ""
        : time.withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();
  }
}
