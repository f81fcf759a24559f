package com.commentshield.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueSpoolTest {

  @TempDir Path dir;

  @Test
  void itemsSurviveReopeningWithEveryField() throws Exception {
    QueueSpool spool = new QueueSpool(dir);
    FlaggedItem item = item("cheap pills at example.test", "ext-1");
    item.authorEmail = "a@example.test";
    item.ip = "192.0.2.7";
    item.reasons = "[{\"kind\":\"word\",\"feature\":\"pills\",\"weight\":1.5}]";
    spool.append(List.of(QueueSpool.Record.of(item)));
    spool.append(List.of(QueueSpool.Record.of(item("second", "ext-2"))));

    QueueSpool reopened = new QueueSpool(dir);
    assertEquals(2, reopened.count());
    List<QueueSpool.Record> records = reopened.read(reopened.files().getFirst());
    FlaggedItem back = records.getFirst().toItem();
    assertEquals(item.content, back.content);
    assertEquals(item.externalId, back.externalId);
    assertEquals(item.authorEmail, back.authorEmail);
    assertEquals(item.ip, back.ip);
    assertEquals(item.reasons, back.reasons);
    assertEquals(item.spamProbability, back.spamProbability);
    assertEquals(item.receivedAt, back.receivedAt);
    assertEquals(FlaggedItem.PENDING, back.status);
    assertEquals(records.getFirst().key(), back.submissionKey);
    assertNotEquals(records.get(0).key(), records.get(1).key());
  }

  @Test
  void aTornLastLineIsSkippedAndTheRestIsKept() throws Exception {
    QueueSpool spool = new QueueSpool(dir);
    spool.append(
        List.of(QueueSpool.Record.of(item("one", "1")), QueueSpool.Record.of(item("two", "2"))));
    Path file = spool.files().getFirst();
    // A crash in the middle of an append leaves half a line that was never acknowledged.
    Files.writeString(
        file,
        "{\"key\":\"abc\",\"content\":\"thr",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    QueueSpool reopened = new QueueSpool(dir);
    assertEquals(2, reopened.count());
    assertEquals(
        List.of("one", "two"),
        reopened.read(file).stream().map(QueueSpool.Record::content).toList());
  }

  @Test
  void removingAFileLowersTheBacklogAndLaterAppendsStartANewFile() throws Exception {
    QueueSpool spool = new QueueSpool(dir);
    spool.append(List.of(QueueSpool.Record.of(item("one", "1"))));
    Path first = spool.files().getFirst();
    spool.remove(first, 1);
    assertEquals(0, spool.count());
    assertEquals(List.of(), spool.files());

    spool.append(List.of(QueueSpool.Record.of(item("two", "2"))));
    assertEquals(1, spool.count());
    assertEquals(1, spool.files().size());
    assertNotEquals(first, spool.files().getFirst());
  }

  @Test
  void filesAreReadOldestFirst() throws Exception {
    QueueSpool spool = new QueueSpool(dir);
    for (int i = 0; i < 12; i++) {
      spool.append(List.of(QueueSpool.Record.of(item("item " + i, Integer.toString(i)))));
      spool.closeCurrent();
    }
    List<String> order =
        spool.files().stream()
            .map(
                f -> {
                  try {
                    return spool.read(f).getFirst().content();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertEquals(12, order.size());
    for (int i = 0; i < 12; i++) {
      assertEquals("item " + i, order.get(i));
    }
  }

  private static FlaggedItem item(String content, String externalId) {
    FlaggedItem item = new FlaggedItem();
    item.receivedAt = OffsetDateTime.parse("2026-11-23T05:00:00Z");
    item.client = "configured-1";
    item.content = content;
    item.externalId = externalId;
    item.spamProbability = 0.97;
    item.decision = "block";
    item.modelVersion = 1;
    item.reasons = "[]";
    item.status = FlaggedItem.PENDING;
    item.submissionKey = UUID.randomUUID().toString();
    return item;
  }
}
