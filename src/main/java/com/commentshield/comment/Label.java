package com.commentshield.comment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** A verdict: the comment is spam, or it is ham (legitimate). */
public enum Label {
  @JsonProperty("spam")
  SPAM,
  @JsonProperty("ham")
  HAM;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Label fromId(String id) {
    for (Label l : values()) {
      if (l.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("label must be 'spam' or 'ham', was '" + id + "'");
  }
}
