package com.commentshield.moderation;

import com.commentshield.comment.Label;
import java.time.OffsetDateTime;

/**
 * Fired synchronously inside the transaction that records a verdict on a queued item, so that
 * whatever must follow (an outgoing event, say) commits or rolls back with the verdict.
 *
 * @param item the judged item, with its verdict applied
 * @param label the verdict
 * @param decidedBy who gave it
 * @param decidedAt when
 */
public record ItemJudged(
    FlaggedItem item, Label label, String decidedBy, OffsetDateTime decidedAt) {}
