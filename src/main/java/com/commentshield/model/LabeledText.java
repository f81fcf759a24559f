package com.commentshield.model;

import com.commentshield.comment.Comment;

/**
 * One training or evaluation example.
 *
 * @param spam true for spam, false for ham
 * @param comment the comment
 * @param source where the example came from (a seed page, the written corpus, a moderator...)
 */
public record LabeledText(boolean spam, Comment comment, String source) {

  public static LabeledText of(boolean spam, String text, String source) {
    return new LabeledText(spam, Comment.of(text), source);
  }

  public int label() {
    return spam ? 1 : 0;
  }
}
