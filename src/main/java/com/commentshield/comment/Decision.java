package com.commentshield.comment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the calling system should do with a comment. */
public enum Decision {
  /** Publish it. */
  @JsonProperty("allow")
  ALLOW,
  /** Hold it for a moderator. */
  @JsonProperty("review")
  REVIEW,
  /** Do not publish it. */
  @JsonProperty("block")
  BLOCK;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
