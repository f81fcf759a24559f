package com.commentshield.comment;

/**
 * A comment as every stage sees it: its text, who wrote it and where. Author and context may be
 * null; the accessors below read through them.
 *
 * @param content the comment text
 * @param author who wrote it
 * @param context where and how it was posted
 */
public record Comment(String content, Author author, CommentContext context) {

  public static Comment of(String content) {
    return new Comment(content, null, null);
  }

  public String authorName() {
    return author == null ? null : author.name();
  }

  public String authorEmail() {
    return author == null ? null : author.email();
  }

  public String authorUrl() {
    return author == null ? null : author.url();
  }

  public String site() {
    return context == null ? null : context.site();
  }

  public String permalink() {
    return context == null ? null : context.permalink();
  }

  public String ip() {
    return context == null ? null : context.ip();
  }

  public String userAgent() {
    return context == null ? null : context.userAgent();
  }

  public CommentType type() {
    return context == null ? null : context.type();
  }
}
