package com.commentshield.common;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed, ambiguous and slow requests at the HTTP edge ({@link HttpEdge}), sent as raw bytes:
 * each is answered with problem+json and the connection closed, and none logs an error.
 */
@QuarkusTest
class HttpEdgeTest {

  private static final String BODY = "{\"content\":\"edge check\"}";

  private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
  private final Handler errorLog =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void watchErrors() {
    TestApi.awaitModel();
    Logger.getLogger("").addHandler(errorLog);
  }

  @AfterEach
  void noErrorWasLogged() {
    Logger.getLogger("").removeHandler(errorLog);
    assertEquals(
        List.of(),
        errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
        "errors logged");
  }

  @Test
  void brokenChunkFramingIsA400AndTheConnectionCloses() throws IOException {
    Exchange answer =
        send(
            "POST /classify HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: "
                + TestApi.KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n");

    answer.isProblem(400);
    assertThat(answer.detail(), startsWith("malformed chunked body"));
    assertTrue(answer.closed, "closed");
  }

  @Test
  void aRequestWithoutHostIsA400() throws IOException {
    Exchange answer = send("GET /q/health/live HTTP/1.1\r\n\r\n");

    answer.isProblem(400);
    assertEquals("the Host header is required", answer.detail());
    assertTrue(answer.closed, "closed");
  }

  @Test
  void twoHostHeadersAreA400() throws IOException {
    Exchange answer =
        send("GET /q/health/live HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n");

    answer.isProblem(400);
    assertEquals("more than one Host header", answer.detail());
  }

  @Test
  void chunkedThenIdentityIsA400() throws IOException {
    Exchange answer =
        send(
            "POST /classify HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: "
                + TestApi.KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n"
                + chunked(BODY));

    answer.isProblem(400);
    assertEquals(
        "Transfer-Encoding must be chunked alone, was 'chunked, identity'", answer.detail());
  }

  @Test
  void contentLengthWithTransferEncodingIsAnsweredThenClosed() throws IOException {
    Exchange answer =
        send(
            "POST /classify HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: "
                + TestApi.KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + chunked(BODY));

    assertEquals(200, answer.status, answer.text);
    assertThat(answer.header("connection"), equalTo("close"));
    assertTrue(answer.closed, "closed after the answer");
  }

  @Test
  void aTooLongRequestLineIsA414Problem() throws IOException {
    Exchange answer =
        send("GET /q/health/live?" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

    answer.isProblem(414);
  }

  @Test
  void tooLargeHeadersAreA431Problem() throws IOException {
    StringBuilder head = new StringBuilder("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < 30; i++) {
      head.append("X-Filler-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
    }
    Exchange answer = send(head + "\r\n");

    answer.isProblem(431);
  }

  @Test
  void aHeadThatNeverEndsIsA408() throws IOException {
    // Given a client that sends part of a request head and then nothing (a slow-loris client)
    Exchange answer = send("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n");

    // then the edge answers 408 once the header time (2 s in tests) is up, and closes
    answer.isProblem(408);
    assertTrue(answer.closed, "closed");
  }

  @Test
  void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws IOException {
    Exchange answer = send("");

    assertEquals("", answer.text);
    assertTrue(answer.closed, "closed");
  }

  @Test
  void wellFormedRequestsShareAConnection() throws IOException {
    try (Socket socket = open()) {
      for (int i = 0; i < 3; i++) {
        write(socket, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Exchange answer = Exchange.readOne(socket);
        assertEquals(200, answer.status, answer.text);
      }
    }
  }

  @Test
  void aRedirectNeverNamesTheHostTheClientSent() throws IOException {
    Exchange answer =
        send("GET /moderation HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\n\r\n");

    assertEquals(303, answer.status, answer.text);
    assertEquals("/login", answer.header("location"));
  }

  @Test
  void locationsOnTheRequestsHostBecomePaths() {
    assertEquals("/login", HttpEdge.relativeTo("http://evil.example/login", "evil.example"));
    assertEquals("/a?b=1", HttpEdge.relativeTo("https://Host:8080/a?b=1", "host:8080"));
    assertEquals("/", HttpEdge.relativeTo("http://h", "h"));
    assertNull(HttpEdge.relativeTo("https://elsewhere.example/x", "h"));
    assertNull(HttpEdge.relativeTo("/already/a/path", "h"));
  }

  // --- raw HTTP ---------------------------------------------------------------------------------

  private static String chunked(String body) {
    return Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length)
        + "\r\n"
        + body
        + "\r\n0\r\n\r\n";
  }

  private static Socket open() throws IOException {
    Socket socket = new Socket("127.0.0.1", RestAssured.port);
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static void write(Socket socket, String raw) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends {@code raw} on a new connection and reads everything until the server closes it. */
  private static Exchange send(String raw) throws IOException {
    try (Socket socket = open()) {
      write(socket, raw);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      boolean closed = false;
      try {
        for (int n; ; ) {
          n = in.read(buffer);
          if (n < 0) {
            closed = true;
            break;
          }
          received.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException stillOpen) {
        // the server kept the connection open
      }
      return new Exchange(received.toString(StandardCharsets.UTF_8), closed);
    }
  }

  private static final class Exchange {
    final String text;
    final boolean closed;
    final int status;

    Exchange(String text, boolean closed) {
      this.text = text;
      this.closed = closed;
      this.status = text.startsWith("HTTP/1.") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    /** Reads one response (head and Content-Length body) from a connection kept open. */
    static Exchange readOne(Socket socket) throws IOException {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return new Exchange(head.toString(StandardCharsets.UTF_8), true);
        }
        head.write(b);
      }
      Exchange headOnly = new Exchange(head.toString(StandardCharsets.UTF_8), false);
      int length = Integer.parseInt(headOnly.header("content-length"));
      byte[] body = in.readNBytes(length);
      return new Exchange(headOnly.text + new String(body, StandardCharsets.UTF_8), false);
    }

    String header(String name) {
      for (String line : text.split("\r\n\r\n", 2)[0].split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }

    String body() {
      String[] parts = text.split("\r\n\r\n", 2);
      return parts.length < 2 ? "" : parts[1];
    }

    String detail() {
      return JsonPath.from(body()).getString("detail");
    }

    void isProblem(int expected) {
      assertEquals(expected, status, text);
      assertThat(header("content-type"), containsString(Problem.MEDIA_TYPE));
      assertEquals(expected, JsonPath.from(body()).getInt("status"), text);
    }
  }
}
