package db.migration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Queue ids come from a sequence handed out in blocks of 50 (the queue writer inserts a group of
 * flagged comments as one JDBC batch with ids it already holds, which identity columns cannot give
 * ahead of the insert). Written in Java because the sequence must start past the ids already in
 * use, and H2 and PostgreSQL share no SQL statement that sets a sequence from a query.
 *
 * <p>A value v of the sequence reserves the ids v-49..v (Hibernate's pooled optimizer reads it so
 * too), so the first value is the highest id in use plus 50. The identity column stays: nothing
 * inserts without an id any more, and dropping it would gain nothing.
 */
public class V11__flagged_item_sequence extends BaseJavaMigration {

  /** Ids per value of the sequence; the same as the entity's allocation size. */
  static final int BLOCK = 50;

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement statement = context.getConnection().createStatement()) {
      long highest;
      try (ResultSet max =
          statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM flagged_item")) {
        max.next();
        highest = max.getLong(1);
      }
      statement.execute(
          "CREATE SEQUENCE flagged_item_seq START WITH "
              + (highest + BLOCK)
              + " INCREMENT BY "
              + BLOCK);
    }
  }
}
