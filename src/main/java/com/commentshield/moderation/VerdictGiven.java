package com.commentshield.moderation;

import com.commentshield.text.Comment;

/**
 * Fired when a verdict is recorded (by a moderator or client feedback), after its transaction
 * commits.
 *
 * @param comment the judged comment
 * @param spam whether it was judged spam
 */
public record VerdictGiven(Comment comment, boolean spam) {}
