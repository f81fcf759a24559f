package com.commentshield.comment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of text submitted. */
public enum CommentType {
  @JsonProperty("comment")
  COMMENT,
  @JsonProperty("reply")
  REPLY,
  @JsonProperty("forum-post")
  FORUM_POST,
  @JsonProperty("contact-form")
  CONTACT_FORM,
  @JsonProperty("signup")
  SIGNUP;

  /** The name on the wire, e.g. {@code forum-post}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
