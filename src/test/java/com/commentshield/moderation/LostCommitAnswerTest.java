package com.commentshield.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A commit can go through while its answer is lost with the connection (PostgreSQL stopping, a
 * network cut): the writer then sees a failure and stores the items again, in the spool or item by
 * item. Each item's submission key lets that second write find the row instead of queuing the
 * comment twice. Runs on H2 and on PostgreSQL.
 */
@QuarkusTest
class LostCommitAnswerTest {

  @Inject QueueWriter writer;

  @Test
  void anItemSpooledAfterItsCommitsAnswerWasLostIsQueuedOnce() throws Exception {
    // Given an item committed, whose answer the writer never saw
    String content = "committed once " + UUID.randomUUID();
    FlaggedItem item = QueueFixture.pendingItem("lost-answer.example", content, "block");
    Long id = writer.storeAsOneGroup(List.of(item)).getFirst().join();
    assertNotNull(id);

    // When the writer, taking the database for unreachable, spools it and later moves the spool
    writer.addToSpool(List.of(QueueSpool.Record.of(item)));
    awaitEmptySpool();

    // Then the comment is in the queue once, under its first id
    assertEquals(List.of(id), idsWithContent(content));
  }

  @Test
  void aGroupRetriedItemByItemFindsTheRowsItsFailedWriteCommitted() {
    // Given an item whose commit went through unseen
    String content = "retried " + UUID.randomUUID();
    FlaggedItem committed = QueueFixture.pendingItem("lost-answer.example", content, "review");
    Long firstId = writer.storeAsOneGroup(List.of(committed)).getFirst().join();

    // When it is written again in a group that fails (another item is refused), and so retried
    FlaggedItem refused =
        QueueFixture.pendingItem(
            "lost-answer.example", "refused " + UUID.randomUUID(), "z".repeat(40));
    FlaggedItem other =
        QueueFixture.pendingItem("lost-answer.example", "beside it " + UUID.randomUUID(), "block");
    var stored = writer.storeAsOneGroup(List.of(committed, refused, other));

    // Then it is answered with the id it was committed under and is not queued a second time
    assertEquals(firstId, stored.get(0).join());
    assertEquals(List.of(firstId), idsWithContent(content));
    assertTrue(stored.get(1).isCompletedExceptionally());
    Long otherId = stored.get(2).join();
    assertNotNull(otherId);
    assertNotEquals(firstId, otherId);
    assertEquals(List.of(otherId), idsWithContent(other.content));
  }

  private void awaitEmptySpool() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (writer.status().spooled() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, writer.status().spooled(), "the spool was not moved into the queue");
  }

  private static List<Long> idsWithContent(String content) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                FlaggedItem.<FlaggedItem>find("content", content).list().stream()
                    .map(i -> i.id)
                    .toList());
  }
}
