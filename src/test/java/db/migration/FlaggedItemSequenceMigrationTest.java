package db.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V11 on a queue that already holds items: they stay, and new ids start past them. */
class FlaggedItemSequenceMigrationTest {

  private static final String URL =
      "jdbc:h2:mem:v11;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
          + "DB_CLOSE_DELAY=-1";

  @Test
  void existingItemsStayAndTheSequenceStartsPastTheirIds() throws Exception {
    // Given the schema before V11 with three queued items, the highest id 41
    flyway("10").migrate();
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      for (long id : new long[] {7, 12, 41}) {
        s.execute(
            "INSERT INTO flagged_item (id, received_at, content, decision, status) VALUES ("
                + id
                + ", CURRENT_TIMESTAMP, 'item "
                + id
                + "', 'review', 'pending')");
      }

      // When V11 runs
      flyway("11").migrate();

      // Then the items are all there and the first block of new ids (v-49..v) starts at 42
      try (ResultSet count = s.executeQuery("SELECT COUNT(*), MAX(id) FROM flagged_item")) {
        count.next();
        assertEquals(3, count.getInt(1));
        assertEquals(41, count.getLong(2));
      }
      try (ResultSet next = s.executeQuery("SELECT nextval('flagged_item_seq')")) {
        next.next();
        assertEquals(42, next.getLong(1) - V11__flagged_item_sequence.BLOCK + 1);
      }
    }
  }

  private static Flyway flyway(String target) {
    return Flyway.configure()
        .dataSource(URL, "sa", "")
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }
}
