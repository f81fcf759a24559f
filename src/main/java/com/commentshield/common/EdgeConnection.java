package com.commentshield.common;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The edge rules of {@link HttpEdge} for one connection: three Netty handlers sharing this state,
 * all run on the connection's event loop.
 *
 * <ul>
 *   <li>{@link #RAW}, first in the pipeline, sees the bytes as they arrive: it starts the request
 *       head clock when the connection opens and at the first byte of each later request.
 *   <li>{@link #DECODED}, after Vert.x's request decoder (which it replaces by one that marks a
 *       request carrying both Content-Length and Transfer-Encoding), sees each request head and
 *       body chunk: it stops the clock, refuses what the edge refuses and keeps broken chunks from
 *       Vert.x.
 *   <li>{@link #RESPONSES}, after Vert.x's response encoder, sees the responses going out: it
 *       counts them and closes the connection after the response to a request it must not keep.
 * </ul>
 *
 * Answers of the edge itself are written as bytes from {@link #DECODED}'s place, below the response
 * encoder, and only while no response of Vert.x is under way on the connection.
 */
final class EdgeConnection {

  static final String RAW = "commentshield-edge-raw";
  static final String DECODED = "commentshield-edge-decoded";
  static final String RESPONSES = "commentshield-edge-responses";

  /** Set by the decoder on a request that had both Content-Length and Transfer-Encoding. */
  static final String BOTH_LENGTHS = "x-commentshield-edge-both-lengths";

  /** How long a refused client may still send (what it sends is dropped) before the close. */
  private static final long LINGER_MILLIS = 2_000;

  private final HttpEdge edge;
  private ChannelHandlerContext decodedContext;
  private ScheduledFuture<?> headClock;
  private boolean headStarted;
  private boolean guarded;
  private boolean answered;
  private boolean closeAfterResponse;
  private int requests;
  private int responsesStarted;
  private int responsesEnded;

  EdgeConnection(HttpEdge edge) {
    this.edge = edge;
  }

  Raw raw() {
    return new Raw();
  }

  /** No request of the connection is waiting for (the rest of) its response. */
  private boolean idle() {
    return responsesEnded == requests && responsesStarted == requests;
  }

  private void startHeadClock(ChannelHandlerContext ctx) {
    if (headClock == null && guarded) {
      headClock =
          ctx.executor()
              .schedule(
                  () -> headTooSlow(ctx.channel()),
                  edge.headerTimeoutMillis(),
                  TimeUnit.MILLISECONDS);
    }
  }

  private void stopHeadClock() {
    headStarted = false;
    if (headClock != null) {
      headClock.cancel(false);
      headClock = null;
    }
  }

  private void headTooSlow(Channel channel) {
    headClock = null;
    if (answered || !idle() || !channel.isActive()) {
      return;
    }
    if (!headStarted) {
      // nothing was sent (an unused keep-alive or a browser's speculative connection): no request
      // to answer, the connection is closed
      answered = true;
      edge.refused("connection that sent no request closed", channel.remoteAddress());
      channel.close();
      return;
    }
    refuse(
        channel,
        408,
        "Request Timeout",
        "the request line and headers did not arrive within " + edge.headerTimeoutMillis() + " ms");
  }

  /** Answers with a problem and closes, or just closes when a response is under way. */
  private void refuse(Channel channel, int status, String reason, String detail) {
    answered = true;
    stopHeadClock();
    edge.refused(status + " " + detail, channel.remoteAddress());
    channel.config().setAutoRead(true);
    if (decodedContext == null || !idle()) {
      channel.close();
      return;
    }
    ByteBuf bytes = Unpooled.wrappedBuffer(edge.answer(status, reason, detail));
    decodedContext
        .writeAndFlush(bytes)
        .addListener(
            written -> {
              if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                // Read and drop what the client still sends for a moment, so that it reads the
                // answer instead of a reset; then close.
                duplex.shutdownOutput();
                channel
                    .eventLoop()
                    .schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
              } else {
                channel.close();
              }
            });
  }

  /** First in the pipeline: the bytes as they arrive. */
  final class Raw extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      guarded = install(ctx.pipeline());
      startHeadClock(ctx);
      super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (answered) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (idle() && msg instanceof ByteBuf bytes && bytes.isReadable()) {
        headStarted = true;
        startHeadClock(ctx);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      stopHeadClock();
      super.channelInactive(ctx);
    }
  }

  /**
   * Puts the decoded-side handlers in place on a plain HTTP/1.x pipeline as Vert.x set it up; false
   * (the connection is left as Vert.x made it) for anything else, such as TLS or HTTP/2.
   */
  private boolean install(ChannelPipeline pipeline) {
    HttpServerOptions options = edge.options();
    if (options == null
        || !(pipeline.get("httpDecoder") instanceof VertxHttpRequestDecoder)
        || pipeline.get("httpEncoder") == null) {
      return false;
    }
    pipeline.replace("httpDecoder", "httpDecoder", new MarkingDecoder(options));
    pipeline.addAfter("httpDecoder", DECODED, new Decoded());
    pipeline.addAfter("httpEncoder", RESPONSES, new Responses());
    return true;
  }

  /** Vert.x's decoder, marking a request that announced both Content-Length and chunked. */
  private static final class MarkingDecoder extends VertxHttpRequestDecoder {
    MarkingDecoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      super.handleTransferEncodingChunkedWithContentLength(message);
      message.headers().set(BOTH_LENGTHS, "true");
    }
  }

  /** After the decoder: request heads and body chunks. */
  private final class Decoded extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      decodedContext = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (answered) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpRequest request) {
        stopHeadClock();
        String[] refusal = refusal(request);
        if (refusal != null) {
          ReferenceCountUtil.release(msg);
          refuse(ctx.channel(), Integer.parseInt(refusal[0]), refusal[1], refusal[2]);
          return;
        }
        if (request.headers().contains(BOTH_LENGTHS)) {
          request.headers().remove(BOTH_LENGTHS);
          closeAfterResponse = true;
          edge.refused(
              "request with both Content-Length and Transfer-Encoding answered, then closed",
              ctx.channel().remoteAddress());
        }
        requests++;
        ctx.fireChannelRead(msg);
        return;
      }
      if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
        String cause = describe(content.decoderResult());
        ReferenceCountUtil.release(msg);
        // the request being read is the one refused: no response of it may have started
        requests--;
        refuse(ctx.channel(), 400, "Bad Request", "malformed chunked body: " + cause);
        return;
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Why the edge refuses a request head: {status, reason, detail}, or null to let it pass. */
  private static String[] refusal(HttpRequest request) {
    DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      Throwable cause = result.cause();
      if (cause instanceof TooLongHttpLineException) {
        return new String[] {"414", "URI Too Long", "the request line is too long"};
      }
      if (cause instanceof TooLongHttpHeaderException) {
        return new String[] {
          "431", "Request Header Fields Too Large", "the request headers are too large"
        };
      }
      return new String[] {"400", "Bad Request", "malformed request: " + describe(result)};
    }
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.isEmpty()) {
      return new String[] {"400", "Bad Request", "the Host header is required"};
    }
    if (hosts.size() > 1) {
      return new String[] {"400", "Bad Request", "more than one Host header"};
    }
    List<String> codings = new ArrayList<>();
    for (String value : request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
      for (String coding : value.split(",")) {
        if (!coding.isBlank()) {
          codings.add(coding.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (!request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING).isEmpty()
        && !codings.equals(List.of("chunked"))) {
      return new String[] {
        "400",
        "Bad Request",
        "Transfer-Encoding must be chunked alone, was '" + shorten(String.join(", ", codings)) + "'"
      };
    }
    return null;
  }

  private static String describe(DecoderResult result) {
    Throwable cause = result.cause();
    String message = cause == null ? null : cause.getMessage();
    return message == null || message.isBlank()
        ? "unreadable"
        : shorten(message.strip().toLowerCase(Locale.ROOT));
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** After the encoder: the responses Vert.x writes. */
  private final class Responses extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (answered) {
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        return;
      }
      if (msg instanceof HttpResponse response && response.status().code() >= 200) {
        responsesStarted++;
        if (closeAfterResponse) {
          response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
      }
      boolean informational =
          msg instanceof HttpResponse response && response.status().code() < 200;
      if (msg instanceof LastHttpContent && !informational) {
        responsesEnded++;
        if (closeAfterResponse && responsesEnded == requests) {
          ChannelPromise closing = promise.unvoid();
          closing.addListener(done -> ctx.channel().close());
          ctx.write(msg, closing);
          return;
        }
      }
      ctx.write(msg, promise);
    }
  }
}
