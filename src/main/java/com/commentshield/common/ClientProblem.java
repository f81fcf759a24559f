package com.commentshield.common;

/**
 * A request the service refuses for a reason it can name: what the client asked for does not exist
 * (404), cannot be done in the current state (409), or is not acceptable input (400, 413, 415).
 * Thrown by services and resources alike; {@link ProblemMappers} answers it with the message as the
 * problem's detail.
 */
public class ClientProblem extends RuntimeException {

  private final int status;

  public ClientProblem(int status, String detail) {
    super(detail);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("a client problem is a 4xx status, was " + status);
    }
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ClientProblem notFound(String detail) {
    return new ClientProblem(404, detail);
  }

  public static ClientProblem invalid(String detail) {
    return new ClientProblem(400, detail);
  }

  public static ClientProblem conflict(String detail) {
    return new ClientProblem(409, detail);
  }
}
