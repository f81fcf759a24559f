package com.commentshield.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseErrorsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"57P01", "57P02", "57P03", "57P05", "08006", "08003", "08001", "90067", "90098"})
  void aLostConnectionCountsAsUnreachableHoweverDeepItIsWrapped(String sqlState) {
    SQLException driver = new SQLException("terminating connection", sqlState);
    assertTrue(DatabaseErrors.unreachable(driver));
    assertTrue(DatabaseErrors.unreachable(new PersistenceException(new RuntimeException(driver))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "22001", "22021", "42P01", "57014"})
  void aRefusedStatementDoesNot(String sqlState) {
    assertFalse(DatabaseErrors.unreachable(new SQLException("refused", sqlState)));
  }
}
