package com.commentshield.moderation;

import java.util.List;

/**
 * Fired synchronously inside the transaction that inserts flagged items into the queue, so that
 * whatever must happen with them (an outgoing event, say) commits or rolls back with them.
 * Observers run on the queue writer's thread and must be quick. Also fired when a moderator undoes
 * a verdict ({@link ModerationService#undo}): the item waits in the queue again.
 *
 * @param items the items just inserted, with their ids
 */
public record ItemsQueued(List<FlaggedItem> items) {}
