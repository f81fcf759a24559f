package com.commentshield.policy;

import com.commentshield.comment.Decision;

/**
 * Maps a spam probability to a decision, Rspamd-style: the score is the model's, the action is the
 * policy's.
 *
 * @param review probability from which a comment is held for review
 * @param block probability from which a comment is blocked
 */
public record DecisionPolicy(double review, double block) {

  public DecisionPolicy {
    if (!(review > 0 && review <= block && block <= 1)) {
      throw new IllegalArgumentException(
          "thresholds must satisfy 0 < review <= block <= 1, were review="
              + review
              + ", block="
              + block);
    }
  }

  public Decision decide(double spamProbability) {
    if (spamProbability >= block) {
      return Decision.BLOCK;
    }
    return spamProbability >= review ? Decision.REVIEW : Decision.ALLOW;
  }
}
