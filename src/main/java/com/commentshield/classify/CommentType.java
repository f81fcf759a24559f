package com.commentshield.classify;

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
  SIGNUP
}
