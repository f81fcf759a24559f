package com.commentshield.examples;

import com.commentshield.comment.Label;

/**
 * Fired by {@link LabeledExamples} inside the transaction that removes an example (a moderator
 * undid the verdict it came from), so that whatever remembers labels can forget this one.
 *
 * @param exampleId the removed example's id
 * @param itemId the queued item it judged
 * @param label the label it had
 */
public record ExampleRemoved(long exampleId, long itemId, Label label) {}
