package com.commentshield.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EmbeddedStoreHousekeepingTest {

  @Inject AgroalDataSource dataSource;
  @Inject EmbeddedStoreHousekeeping housekeeping;

  @Test
  void chunksLeftBehindByManySmallCommitsAreCompactedAway() throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      FileStore<?> store = EmbeddedStoreHousekeeping.fileStore(connection).orElseThrow();
      int retention = store.getRetentionTime();
      String table = "housekeeping_probe_" + System.nanoTime();
      // Chunks may be rewritten at once instead of after H2's 45 s of retention
      sql.execute("SET RETENTION_TIME 0");
      sql.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(2000))");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        // Given thousands of appended rows, one commit each, as the queue writer makes them
        String payload = "x".repeat(600);
        for (int i = 0; i < 3000; i++) {
          insert.setLong(1, i);
          insert.setString(2, payload + i);
          insert.executeUpdate();
        }
        int chunksBefore = chunks(store);
        int fillBefore = store.getChunksFillRate();

        // When housekeeping runs as its schedule would, commits going on in between
        for (int run = 0; run < 30; run++) {
          housekeeping.compact();
          insert.setLong(1, 10_000 + run);
          insert.setString(2, payload);
          insert.executeUpdate();
        }

        // Then the chunks that only a few live pages kept are gone, and most of what is left is
        // live
        int chunksAfter = chunks(store);
        int fillAfter = store.getChunksFillRate();
        assertTrue(
            chunksAfter * 2 < chunksBefore,
            "chunks "
                + chunksBefore
                + " -> "
                + chunksAfter
                + ", fill "
                + fillBefore
                + "% -> "
                + fillAfter
                + "%");
        assertTrue(fillAfter > fillBefore, "fill " + fillBefore + "% -> " + fillAfter + "%");
      } finally {
        sql.execute("DROP TABLE " + table);
        sql.execute("SET RETENTION_TIME " + retention);
      }
    }
  }

  private static int chunks(FileStore<?> store) {
    return (int) store.getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).count();
  }
}
