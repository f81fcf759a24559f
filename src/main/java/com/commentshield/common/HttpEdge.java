package com.commentshield.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The HTTP edge: what Vert.x accepts on a connection before a request reaches a route.
 *
 * <p>Every accepted plain HTTP/1.x connection gets the handlers of {@link EdgeConnection} in its
 * Netty pipeline: a request head must be complete within {@code
 * commentshield.http.request-header-timeout} (else 408 and close); a head Netty could not read
 * (request line or headers too long, malformed) is answered 414, 431 or 400; a request without
 * exactly one Host header, or with a Transfer-Encoding other than {@code chunked} alone, is refused
 * with 400; a request with both Content-Length and Transfer-Encoding is answered and the connection
 * closed (RFC 9112, 6.1); a chunked body with broken framing is answered 400. Each of those answers
 * is problem+json with {@code Connection: close}, and none of them reaches the application or logs
 * a stack trace: they are counted and reported in at most one WARN line a minute. Idle connections
 * ({@code quarkus.http.idle-timeout}) and the number of connections ({@code
 * quarkus.http.limits.max-connections}) are Quarkus's own settings.
 *
 * <p>Vert.x offers no hook for a new connection's pipeline, so the handlers are added from the
 * listening channel (found through Vert.x's internal server registry once the server has started):
 * a handler there sees each accepted channel before Vert.x sets it up.
 *
 * <p>On the routes: a client that went away mid-request is logged at DEBUG instead of as a server
 * error, and a redirect to this server's own Host is sent as a path, so the Host a client sent is
 * never reflected into a {@code Location}.
 */
@ApplicationScoped
public class HttpEdge implements HttpServerOptionsCustomizer {

  static final String ACCEPT_HOOK = "commentshield-edge-accept";

  private static final Logger LOG = Logger.getLogger(HttpEdge.class);

  /** {@code http://host[:port]} and the rest of an absolute URL. */
  private static final Pattern ABSOLUTE = Pattern.compile("(?i)^https?://([^/?#]*)(.*)$");

  private final Vertx vertx;
  private final ObjectMapper json;
  private final Duration headerTimeout;
  private final Refusals refusals = new Refusals();
  private volatile HttpServerOptions options;
  private volatile boolean installed;

  public HttpEdge(Vertx vertx, ObjectMapper json, CommentShieldConfig config) {
    this.vertx = vertx;
    this.json = json;
    this.headerTimeout = config.http().requestHeaderTimeout();
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    this.options = new HttpServerOptions(options);
  }

  /** Once the server listens: hooks into its listening channels. */
  void onServerStart(@ObservesAsync HttpServerStart start) {
    install();
  }

  /** Whether the connection handlers are in place (for the tests). */
  boolean installed() {
    return installed;
  }

  synchronized void install() {
    if (options == null) {
      LOG.warn("HTTP edge: the server options were not seen; connections are not guarded");
      return;
    }
    ChannelHandler hook = new AcceptHook();
    int hooked = 0;
    for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
      Channel listening = listeningChannel(server);
      if (listening == null) {
        continue;
      }
      if (listening.pipeline().get(ACCEPT_HOOK) == null) {
        listening.pipeline().addFirst(ACCEPT_HOOK, hook);
      }
      hooked++;
    }
    if (hooked == 0) {
      LOG.warn("HTTP edge: no listening channel found; connections are not guarded");
    }
    installed = hooked > 0;
  }

  /** The server's listening channel, from Vert.x's internal state (no public accessor). */
  private static Channel listeningChannel(HttpServerImpl server) {
    try {
      Field bind = TCPServerBase.class.getDeclaredField("bindFuture");
      bind.setAccessible(true);
      Object future = bind.get(server);
      if (future instanceof io.vertx.core.Future<?> f && f.succeeded()) {
        return f.result() instanceof Channel c ? c : null;
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warnf("HTTP edge: cannot reach the listening channel (%s)", e.toString());
      return null;
    }
  }

  /** On the listening channel: adds the edge handlers to every accepted connection. */
  @ChannelHandler.Sharable
  private final class AcceptHook extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Channel accepted) {
        accepted.pipeline().addFirst(EdgeConnection.RAW, new EdgeConnection(HttpEdge.this).raw());
      }
      ctx.fireChannelRead(msg);
    }
  }

  // --- what EdgeConnection needs ---------------------------------------------------------------

  HttpServerOptions options() {
    return options;
  }

  long headerTimeoutMillis() {
    return headerTimeout.toMillis();
  }

  /** The bytes of a complete HTTP/1.1 answer with a problem body, closing the connection. */
  byte[] answer(int status, String reason, String detail) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(Problem.of(status, reason, detail, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serialisable", e);
    }
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: "
            + Problem.MEDIA_TYPE
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  void refused(String what, Object remote) {
    refusals.count(what, remote);
  }

  // --- routes ------------------------------------------------------------------------------------

  void routes(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE + 100)
        .handler(
            context -> {
              context.addHeadersEndHandler(v -> keepRedirectsOnThisServer(context));
              context.next();
            })
        .failureHandler(this::quietWhenTheClientLeft);
  }

  /**
   * A {@code Location} that points at the Host the client sent becomes a path: the browser resolves
   * it against the address it used, and a forged Host header is not echoed back.
   */
  static void keepRedirectsOnThisServer(RoutingContext context) {
    String location = context.response().headers().get(HttpHeaders.LOCATION);
    if (location == null) {
      return;
    }
    String relative = relativeTo(location, context.request().headers().get(HttpHeaders.HOST));
    if (relative != null) {
      context.response().headers().set(HttpHeaders.LOCATION, relative);
    }
  }

  /** {@code location} as a path when it is an absolute URL on {@code host}; otherwise null. */
  static String relativeTo(String location, String host) {
    Matcher m = ABSOLUTE.matcher(location);
    if (!m.matches() || host == null || !m.group(1).equalsIgnoreCase(host.strip())) {
      return null;
    }
    String rest = m.group(2);
    return rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
  }

  private void quietWhenTheClientLeft(RoutingContext context) {
    Throwable failure = context.failure();
    if (failure instanceof HttpClosedException) {
      LOG.debugf(
          "%s %s: the client closed the connection before the request was read",
          context.request().method(), context.request().path());
      return;
    }
    context.next();
  }

  /** Counts refused requests and closed connections; at most one WARN line a minute. */
  private static final class Refusals {
    private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    void count(String what, Object remote) {
      count.incrementAndGet();
      LOG.debugf("HTTP edge: %s (from %s)", what, remote);
      long last = lastReport.get();
      long now = System.nanoTime();
      if (now - last >= EVERY_NANOS && lastReport.compareAndSet(last, now)) {
        long reported = count.getAndSet(0);
        LOG.warnf(
            "HTTP edge: %d malformed, ambiguous or too slow request(s) refused in the last minute;"
                + " the last: %s (from %s)",
            reported, what.toLowerCase(Locale.ROOT), remote);
      }
    }
  }
}
