package com.commentshield.common;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A request refused for now: answered 429 problem+json with Retry-After by the error mapping. */
public final class TooManyRequests extends RuntimeException {

  public final long retryAfter;

  /**
   * @param retryAfter whole seconds until a request may succeed
   * @param detail why, for people
   */
  public TooManyRequests(long retryAfter, String detail) {
    super(detail, null, false, false);
    this.retryAfter = retryAfter;
  }

  public Response toResponse() {
    return Response.fromResponse(
            Problem.of(429, "Too Many Requests", getMessage(), List.of()).toResponse())
        .header("Retry-After", Long.toString(retryAfter))
        .build();
  }
}
