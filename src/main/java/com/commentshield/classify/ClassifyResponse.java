package com.commentshield.classify;

import com.commentshield.comment.Decision;
import com.commentshield.comment.Reason;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a classification.
 *
 * @param id the moderation-queue id, present when the comment was queued for moderators; absent for
 *     a flagged comment while the database is unreachable: it is then kept in the local spool and
 *     enters the queue (getting its id) when the database is back
 * @param externalId the caller's id, echoed
 * @param decision allow, review or block
 * @param spamProbability the model's probability that the comment is spam; null when no model could
 *     answer (the decision is then review)
 * @param modelVersion the model version that decided (a string on the wire, as it always was)
 * @param reasons the features and signals that weighed most, strongest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifyResponse(
    Long id,
    String externalId,
    Decision decision,
    Double spamProbability,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Integer modelVersion,
    List<Reason> reasons) {

  public ClassifyResponse withId(Long queuedId) {
    return new ClassifyResponse(
        queuedId, externalId, decision, spamProbability, modelVersion, reasons);
  }
}
