package com.commentshield.moderation;

import com.commentshield.comment.Comment;
import com.commentshield.comment.Decision;
import com.commentshield.comment.Reason;
import java.util.List;

/**
 * A comment a door sent to review or block, as the queue takes it.
 *
 * @param comment the comment
 * @param externalId the calling system's id for it
 * @param client the API client that sent it
 * @param decision review or block
 * @param spamProbability the model's probability; null when no model could answer
 * @param modelVersion the version that scored it; null when none could
 * @param reasons why, strongest first
 */
public record QueuedComment(
    Comment comment,
    String externalId,
    String client,
    Decision decision,
    Double spamProbability,
    Integer modelVersion,
    List<Reason> reasons) {}
