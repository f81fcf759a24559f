package com.commentshield.outbox;

import com.commentshield.common.CommentShieldConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends one delivery: {@code POST} of the event's stored body with its signature. Redirects are not
 * followed (a 3xx is a failure) and the receiver's answer body is not read: only the status counts.
 */
@ApplicationScoped
public class WebhookSender {

  /** Header naming the event type. */
  public static final String EVENT_HEADER = "X-CommentShield-Event";

  /** Header carrying the event id, the same on every attempt: receivers deduplicate by it. */
  public static final String DELIVERY_HEADER = "X-CommentShield-Delivery";

  /** Header carrying {@code sha256=} and the hex HMAC-SHA256 of the body with the secret. */
  public static final String SIGNATURE_HEADER = "X-CommentShield-Signature";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http;
  private final Duration timeout;
  private final DestinationPolicy destinations;

  public WebhookSender(CommentShieldConfig config, DestinationPolicy destinations) {
    this.destinations = destinations;
    this.timeout = config.webhooks().timeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The signature header's value for a body. */
  public static String signature(String secret, byte[] body) {
    return "sha256=" + Hmac.sha256Hex(secret, body);
  }

  /** What became of an attempt. */
  public record Outcome(Kind kind, Integer status, String error, long millis) {

    /** How the attempt ended. */
    public enum Kind {
      /** 2xx: delivered. */
      DELIVERED,
      /** A 4xx answer other than 408 and 429: the receiver is up and refused this delivery. */
      REFUSED,
      /** No answer, a timeout, a 3xx, 408, 429 or 5xx: the receiver is down or failing. */
      UNAVAILABLE
    }
  }

  Outcome send(String url, String secret, String eventId, String type, String payload) {
    long started = System.nanoTime();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return new Outcome(Outcome.Kind.UNAVAILABLE, null, "not a valid URL", 0);
    }
    Optional<String> refused = destinations.refusal(uri);
    if (refused.isPresent()) {
      return new Outcome(Outcome.Kind.UNAVAILABLE, null, refused.get(), 0);
    }
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "CommentShield-Webhooks/1")
            .header(EVENT_HEADER, type)
            .header(DELIVERY_HEADER, eventId)
            .header(SIGNATURE_HEADER, signature(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      // Not read: a receiver's answer could be endless, and an internal service's is not ours.
      response.body().close();
      int status = response.statusCode();
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (status >= 200 && status < 300) {
        return new Outcome(Outcome.Kind.DELIVERED, status, null, millis);
      }
      boolean refusal = status >= 400 && status < 500 && status != 408 && status != 429;
      return new Outcome(
          refusal ? Outcome.Kind.REFUSED : Outcome.Kind.UNAVAILABLE,
          status,
          "HTTP " + status,
          millis);
    } catch (HttpConnectTimeoutException e) {
      return unavailable("connection timed out", started);
    } catch (HttpTimeoutException e) {
      return unavailable("no answer within " + timeout.toSeconds() + " s", started);
    } catch (ConnectException e) {
      return unavailable("connection refused", started);
    } catch (IOException e) {
      return unavailable(describe(e), started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("interrupted while sending (shutting down)", started);
    }
  }

  private static Outcome unavailable(String error, long started) {
    return new Outcome(
        Outcome.Kind.UNAVAILABLE, null, error, (System.nanoTime() - started) / 1_000_000);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String what =
        e instanceof javax.net.ssl.SSLException
            ? "TLS failed"
            : e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                ? "host does not resolve"
                : "connection failed";
    if (message == null || message.isBlank()) {
      return what;
    }
    String text = what + ": " + message.strip();
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  @PreDestroy
  void close() {
    http.close();
  }
}
