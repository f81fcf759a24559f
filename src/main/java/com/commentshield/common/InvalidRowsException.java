package com.commentshield.common;

import java.util.List;

/**
 * Uploaded rows with errors, each named by its line: nothing of the upload was used (400).
 *
 * @see Problem.FieldError
 */
public class InvalidRowsException extends RuntimeException {

  private final transient List<Problem.FieldError> rows;

  public InvalidRowsException(String message, List<Problem.FieldError> rows) {
    super(message);
    this.rows = List.copyOf(rows);
  }

  public List<Problem.FieldError> rows() {
    return rows;
  }
}
