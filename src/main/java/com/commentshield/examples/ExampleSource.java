package com.commentshield.examples;

import java.util.Locale;

/** Where a labeled example came from. */
public enum ExampleSource {
  /** A moderator's verdict on a queued comment. */
  MODERATOR,
  /** A client system's report (/feedback, Akismet's submit-spam and submit-ham). */
  FEEDBACK,
  /** A row an admin imported. */
  IMPORT;

  /** The name stored with the example, e.g. {@code moderator}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
