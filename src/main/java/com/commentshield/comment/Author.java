package com.commentshield.comment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The comment's author as the comment form collected it; any field may be null.
 *
 * @param name display name
 * @param email e-mail address
 * @param url web site
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Author(String name, String email, String url) {

  /** Null when every field is null, so that an answer leaves out an author nobody gave. */
  public static Author ofNullable(String name, String email, String url) {
    return name == null && email == null && url == null ? null : new Author(name, email, url);
  }
}
