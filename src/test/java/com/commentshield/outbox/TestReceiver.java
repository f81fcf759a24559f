package com.commentshield.outbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a site would run one: it records every request and checks its signature
 * with the webhook's secret, with the JDK's own HMAC, independently of the service's code. Its
 * answers can be scripted: a status for the next requests, then 200.
 */
public final class TestReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(
      String event,
      String delivery,
      String signature,
      String contentType,
      byte[] body,
      long arrivedNanos,
      int answeredWith) {

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the signature is the HMAC-SHA256 of the raw body with {@code secret}. */
    public boolean signedWith(String secret) {
      if (signature == null || !signature.startsWith("sha256=")) {
        return false;
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(body);
        byte[] given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
        return MessageDigest.isEqual(expected, given);
      } catch (Exception e) {
        return false;
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Integer> scriptedStatuses = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> inFlightPerDelivery = new ConcurrentHashMap<>();
  private volatile int mostAtOncePerDelivery;

  public TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          long arrived = System.nanoTime();
          String delivery = exchange.getRequestHeaders().getFirst("X-CommentShield-Delivery");
          AtomicInteger sameDelivery =
              delivery == null
                  ? new AtomicInteger()
                  : inFlightPerDelivery.computeIfAbsent(delivery, d -> new AtomicInteger());
          int atOnce = sameDelivery.incrementAndGet();
          synchronized (this) {
            mostAtOncePerDelivery = Math.max(mostAtOncePerDelivery, atOnce);
          }
          inFlight.incrementAndGet();
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (!delay.isZero()) {
              Thread.sleep(delay.toMillis());
            }
            int answer = nextStatus();
            received.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("X-CommentShield-Event"),
                    delivery,
                    exchange.getRequestHeaders().getFirst("X-CommentShield-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body,
                    arrived,
                    answer));
            exchange.sendResponseHeaders(answer, -1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            sameDelivery.decrementAndGet();
            inFlight.decrementAndGet();
            exchange.close();
          }
        });
    server.start();
  }

  private synchronized int nextStatus() {
    return scriptedStatuses.isEmpty() ? status : scriptedStatuses.removeFirst();
  }

  /** The URL to register. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Answers the next requests with these statuses, then with the usual one. */
  public synchronized void failNext(Integer... statuses) {
    scriptedStatuses.addAll(List.of(statuses));
  }

  /** The status every unscripted request gets. */
  public void answerWith(int status) {
    this.status = status;
  }

  /** Waits this long before answering each request. */
  public void delayAnswers(Duration delay) {
    this.delay = delay;
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** The most requests with one delivery id that were under way at the same time. */
  public int mostAtOncePerDelivery() {
    return mostAtOncePerDelivery;
  }

  /** Waits until a request matches, or fails after {@code timeout}. */
  public Received await(Predicate<Received> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Received r : received) {
        if (matching.test(r)) {
          return r;
        }
      }
      sleep(50);
    }
    throw new AssertionError(
        "no matching webhook request within " + timeout + "; received " + received.size());
  }

  /** Waits until {@code count} requests match, or fails after {@code timeout}. */
  public List<Received> awaitCount(Predicate<Received> matching, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Received> found = List.of();
    while (System.nanoTime() < deadline) {
      found = received.stream().filter(matching).toList();
      if (found.size() >= count) {
        return found;
      }
      sleep(50);
    }
    throw new AssertionError(
        "only " + found.size() + " of " + count + " matching webhook requests within " + timeout);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
