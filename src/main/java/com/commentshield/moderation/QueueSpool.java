package com.commentshield.moderation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.commentshield.common.StorableText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Flagged items acknowledged while the database could not take them: JSON lines in files under one
 * directory, each append forced to disk before it returns, so an item is on disk before its caller
 * gets an answer. Used by one thread at a time (the queue writer's).
 *
 * <p>A crash can leave a partly written last line; that item was never acknowledged (its append had
 * not returned), so {@link #read} skips unreadable lines. After a failed append the file is closed
 * and the next append starts a new one, so a torn line is always a file's last.
 */
final class QueueSpool {

  private static final Logger LOG = Logger.getLogger(QueueSpool.class);
  private static final String PREFIX = "items-";
  private static final String SUFFIX = ".jsonl";
  private static final String DEAD_LETTERS = "dead-letter";

  private final Path dir;
  private final ObjectMapper json =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private FileChannel current;
  private Path currentPath;
  private long fileSequence;
  private volatile long count;
  private final Path deadLetters;
  private volatile long deadLetterCount;

  QueueSpool(Path dir) throws IOException {
    this.dir = dir;
    this.deadLetters = dir.resolve(DEAD_LETTERS);
    Files.createDirectories(dir);
    long found = 0;
    for (Path file : files()) {
      found += read(file).size();
    }
    count = found;
    long refused = 0;
    if (Files.isDirectory(deadLetters)) {
      try (Stream<Path> listing = Files.list(deadLetters)) {
        for (Path file : listing.filter(p -> p.toString().endsWith(SUFFIX)).toList()) {
          refused += read(file).size();
        }
      }
    }
    deadLetterCount = refused;
  }

  /**
   * Keeps a record the database refused (for a reason other than being unreachable) in the
   * dead-letter folder, one JSON line per record, forced to disk, for an operator to repair and
   * send again; the spool goes on without it.
   */
  void deadLetter(Record record) throws IOException {
    Files.createDirectories(deadLetters);
    Path file = deadLetters.resolve(PREFIX + System.currentTimeMillis() + SUFFIX);
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer line = ByteBuffer.wrap((json.writeValueAsString(record) + "\n").getBytes(UTF_8));
      while (line.hasRemaining()) {
        out.write(line);
      }
      out.force(true);
    }
    deadLetterCount++;
  }

  /** Spooled records the database refused, kept aside (see {@link #deadLetter}). */
  long deadLetterCount() {
    return deadLetterCount;
  }

  Path deadLetterDirectory() {
    return deadLetters;
  }

  /** Items in the spool, waiting for the database. */
  long count() {
    return count;
  }

  Path directory() {
    return dir;
  }

  /** Writes the items and forces them to disk; when this returns, they survive a crash. */
  void append(List<Record> records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(records.size() * 512);
    for (Record r : records) {
      bytes.write(json.writeValueAsBytes(r));
      bytes.write('\n');
    }
    try {
      if (current == null) {
        currentPath =
            dir.resolve(PREFIX + System.currentTimeMillis() + "-" + fileSequence++ + SUFFIX);
        current =
            FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        forceDirectory();
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        current.write(buffer);
      }
      // Appending changes the file's length, which is metadata: force it too.
      current.force(true);
    } catch (IOException e) {
      closeCurrent();
      throw e;
    }
    count += records.size();
  }

  /** The spool files, oldest first. */
  List<Path> files() throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> p.getFileName().toString().endsWith(SUFFIX))
          .sorted((a, b) -> compareNames(a.getFileName().toString(), b.getFileName().toString()))
          .toList();
    }
  }

  /** The readable items of one file; a torn line left by a crash is skipped. */
  List<Record> read(Path file) throws IOException {
    List<Record> records = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(json.readValue(line, Record.class));
      } catch (JsonProcessingException torn) {
        LOG.warnf(
            "Skipping unreadable line %d of spool file %s (an append cut short by a crash)",
            lineNumber, file.getFileName());
      }
    }
    return records;
  }

  /** Deletes a file whose items are all in the database now. */
  void remove(Path file, int records) throws IOException {
    if (file.equals(currentPath)) {
      closeCurrent();
    }
    Files.deleteIfExists(file);
    forceDirectory();
    count = Math.max(0, count - records);
  }

  /** Ends the file being appended to, so that the next append starts a new one. */
  void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException ignored) {
        // Everything acknowledged was forced already; a failed close loses nothing.
      }
    }
    current = null;
    currentPath = null;
  }

  private void forceDirectory() {
    // A new or deleted file is a change to the directory: force it so the file survives a crash.
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException notSupported) {
      // Some file systems cannot open a directory for reading; the file's own force still holds.
    }
  }

  private static int compareNames(String a, String b) {
    long[] x = order(a);
    long[] y = order(b);
    int byTime = Long.compare(x[0], y[0]);
    return byTime != 0 ? byTime : Long.compare(x[1], y[1]);
  }

  private static long[] order(String name) {
    String[] parts = name.substring(PREFIX.length(), name.length() - SUFFIX.length()).split("-");
    try {
      return new long[] {Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0};
    } catch (NumberFormatException e) {
      return new long[] {Long.MAX_VALUE, 0};
    }
  }

  /** One spooled item: the queue row to insert, and the key that makes the insert idempotent. */
  record Record(
      String key,
      String receivedAt,
      String client,
      String site,
      String externalId,
      String permalink,
      String commentType,
      String content,
      String authorName,
      String authorEmail,
      String authorUrl,
      String ip,
      String userAgent,
      Double spamProbability,
      String decision,
      Integer modelVersion,
      String reasons) {

    /** The record of an item, under the submission key it was given (never a new one). */
    static Record of(FlaggedItem item) {
      return new Record(
          Objects.requireNonNull(item.submissionKey, "a spooled item needs its submission key"),
          item.receivedAt.toString(),
          item.client,
          item.site,
          item.externalId,
          item.permalink,
          item.commentType,
          item.content,
          item.authorName,
          item.authorEmail,
          item.authorUrl,
          item.ip,
          item.userAgent,
          item.spamProbability,
          item.decision,
          item.modelVersion,
          item.reasons);
    }

    /** The queue row; text written by versions that did not clean it is cleaned here. */
    FlaggedItem toItem() {
      FlaggedItem item = new FlaggedItem();
      item.submissionKey = key;
      item.receivedAt = OffsetDateTime.parse(receivedAt);
      item.client = StorableText.clean(client);
      item.site = StorableText.clean(site);
      item.externalId = StorableText.clean(externalId);
      item.permalink = StorableText.clean(permalink);
      item.commentType = StorableText.clean(commentType);
      item.content = StorableText.clean(content);
      item.authorName = StorableText.clean(authorName);
      item.authorEmail = StorableText.clean(authorEmail);
      item.authorUrl = StorableText.clean(authorUrl);
      item.ip = StorableText.clean(ip);
      item.userAgent = StorableText.clean(userAgent);
      item.spamProbability = spamProbability;
      item.decision = decision;
      item.modelVersion = modelVersion;
      item.reasons = StorableText.clean(reasons);
      item.status = FlaggedItem.PENDING;
      return item;
    }
  }
}
