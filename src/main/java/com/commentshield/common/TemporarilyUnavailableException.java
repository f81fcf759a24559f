package com.commentshield.common;

/** The service cannot do this right now but will shortly: answered 503 with Retry-After. */
public class TemporarilyUnavailableException extends RuntimeException {

  private final int retryAfterSeconds;

  public TemporarilyUnavailableException(String message, int retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
