package com.commentshield.text;

/**
 * The parts of a comment the featurizer looks at. Author fields may be null.
 *
 * @param content the comment text
 * @param authorName the name the author gave
 * @param authorEmail the e-mail address the author gave
 * @param authorUrl the web site the author gave
 */
public record Comment(String content, String authorName, String authorEmail, String authorUrl) {

  public static Comment of(String content) {
    return new Comment(content, null, null, null);
  }
}
