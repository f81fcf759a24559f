package com.commentshield.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Answers a request body over {@code quarkus.http.limits.max-body-size} with a problem+json 413.
 *
 * <p>Quarkus enforces the limit itself, below JAX-RS, and answers with an empty 413: a route at
 * order -2 rejects a {@code Content-Length} over the limit, and the request input stream ends a
 * chunked body that grows past it. Neither reaches an exception mapper. This route runs just before
 * Quarkus's: it answers an announced oversized body at once, and reads a body of unknown length
 * (chunked, or HTTP/2 without {@code Content-Length}) through a Vert.x {@link BodyHandler} with the
 * same limit, whose 413 failure it turns into a problem. A body read that way is handed to JAX-RS
 * as it is (RESTEasy Reactive uses a body a {@code BodyHandler} has already read), so bodies within
 * the limit are unaffected; bodies with a {@code Content-Length} within the limit are not touched
 * at all.
 *
 * <p>After a 413 the rest of an oversized body is read and discarded, up to {@link #DRAIN_LIMIT}
 * bytes, before the connection is closed: closing a socket that still has unread data makes most
 * clients see a reset instead of the answer.
 */
@ApplicationScoped
public class BodySizeLimit {

  /** Just before Quarkus's own check, which is at order -2. */
  static final int ORDER = -3;

  /** How much of an oversized body is read and discarded so the client can read the 413. */
  static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  /** How long to wait for the rest of an oversized body before closing anyway. */
  static final long DRAIN_MILLIS = 5_000;

  private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);

  private final long limit;
  private final ObjectMapper json;

  public BodySizeLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
      ObjectMapper json) {
    this.limit = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
    this.json = json;
  }

  void install(@Observes Router router) {
    if (limit < 0) {
      return;
    }
    BodyHandler unknownLength = BodyHandler.create(false).setBodyLimit(limit);
    router
        .route()
        .order(ORDER)
        .handler(context -> check(context, unknownLength))
        .failureHandler(this::onFailure);
  }

  private void check(RoutingContext context, BodyHandler unknownLength) {
    HttpServerRequest request = context.request();
    String announced = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (announced != null) {
      long length;
      try {
        length = Long.parseLong(announced.strip());
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length > limit) {
        reject(context);
      } else {
        context.next();
      }
      return;
    }
    // A request that has already ended (an HTTP/2 request without a body) has nothing to read.
    if (mayHaveBody(request) && !request.isEnded() && !isFormOrMultipart(request)) {
      unknownLength.handle(context);
    } else {
      context.next();
    }
  }

  private void onFailure(RoutingContext context) {
    if (context.statusCode() == 413 && !context.response().headWritten()) {
      reject(context);
    } else {
      context.next();
    }
  }

  private void reject(RoutingContext context) {
    String detail = "the request body is larger than the limit of " + describe(limit);
    LOG.debugf("Rejected %s %s: %s", context.request().method(), context.request().path(), detail);
    byte[] body;
    try {
      body = json.writeValueAsBytes(Problem.of(413, "Content Too Large", detail, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serialisable", e);
    }
    HttpServerRequest request = context.request();
    HttpServerResponse response = context.response();
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (http1) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    if (http1 && request.isEnded()) {
      response.endHandler(v -> request.connection().close());
    }
    response.end(Buffer.buffer(body));
    if (http1 && !request.isEnded()) {
      drainThenClose(context);
    }
  }

  /**
   * Reads and drops what the client still sends, then closes the connection: at the end of the
   * body, after {@link #DRAIN_LIMIT} bytes, or after {@link #DRAIN_MILLIS} (a client that waits for
   * {@code 100 Continue} sends nothing more).
   */
  private static void drainThenClose(RoutingContext context) {
    HttpServerRequest request = context.request();
    Runnable close = () -> request.connection().close();
    long timer = context.vertx().setTimer(DRAIN_MILLIS, id -> close.run());
    long[] drained = {0};
    request.handler(
        chunk -> {
          drained[0] += chunk.length();
          if (drained[0] > DRAIN_LIMIT) {
            close.run();
          }
        });
    request.endHandler(
        v -> {
          context.vertx().cancelTimer(timer);
          close.run();
        });
    request.exceptionHandler(e -> close.run());
    request.resume();
  }

  private static boolean mayHaveBody(HttpServerRequest request) {
    HttpMethod method = request.method();
    return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
  }

  /** Form and multipart bodies are left to their own handlers. */
  private static boolean isFormOrMultipart(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
  }

  /** {@code 2 MiB (2097152 bytes)}. */
  static String describe(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB (" + bytes + " bytes)";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB (" + bytes + " bytes)";
    }
    return bytes + " bytes";
  }
}
