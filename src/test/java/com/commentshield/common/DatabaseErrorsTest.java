package com.commentshield.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
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

  @Test
  void aCommitRolledBackBecauseTheConnectionWasTerminatedCountsAsUnreachable() {
    // As the transaction manager reports it: the driver's failure suppressed, not the cause
    RollbackException rolledBack = new RollbackException("ARJUNA016053: Could not commit");
    rolledBack.addSuppressed(new SQLException("terminating connection", "57P01"));
    assertTrue(
        DatabaseErrors.unreachable(new QuarkusTransactionException(rolledBack)), "57P01 at commit");

    RollbackException refused = new RollbackException("ARJUNA016053: Could not commit");
    refused.addSuppressed(new SQLException("duplicate key", "23505"));
    assertFalse(DatabaseErrors.unreachable(refused), "a refused row at commit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "22001", "22021", "42P01", "57014"})
  void aRefusedStatementDoesNot(String sqlState) {
    assertFalse(DatabaseErrors.unreachable(new SQLException("refused", sqlState)));
  }
}
