package com.commentshield.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The packaged service (target/quarkus-app) run as a separate process, as a user runs it. */
final class ServiceProcess implements AutoCloseable {

  static final String API_KEY = "it-key-1";
  static final String ADMIN_PASSWORD = "it-admin-password";

  private final Path dataDir;
  private final int port;
  private final Map<String, String> extraEnv;
  private final String jar;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  /** The embedded-H2 build. */
  ServiceProcess(Path dataDir, Map<String, String> extraEnv) throws IOException {
    this(
        System.getProperty("commentshield.jar", "target/quarkus-app/quarkus-run.jar"),
        dataDir,
        extraEnv);
  }

  ServiceProcess(String jar, Path dataDir, Map<String, String> extraEnv) throws IOException {
    this.jar = jar;
    this.dataDir = dataDir;
    this.extraEnv = extraEnv;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
  }

  static Path newDataDir(String name) throws IOException {
    Path dir = Path.of("target", "it-data", name + "-" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  void start() throws IOException {
    String java =
        Path.of(
                System.getProperty("java.home.for.service", System.getProperty("java.home")),
                "bin",
                "java")
            .toString();
    List<String> command = new ArrayList<>(List.of(java));
    // as bin/serve starts it: with the AOT cache the build recorded beside the jar, if any
    Path aotCache = Path.of(jar).toAbsolutePath().resolveSibling("app.aot");
    if (Files.isRegularFile(aotCache)) {
      command.add("-XX:AOTCache=" + aotCache);
    }
    command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("COMMENTSHIELD_DATA_DIR", dataDir.toString());
    builder.environment().put("COMMENTSHIELD_API_KEYS", API_KEY);
    builder.environment().put("COMMENTSHIELD_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.environment().put("COMMENTSHIELD_MODERATOR_PASSWORD", "it-moderator-password");
    builder.environment().put("COMMENTSHIELD_CANARY_ENABLED", "true");
    builder.environment().put("COMMENTSHIELD_RATE_LIMIT_REQUESTS_PER_SECOND", "0");
    builder.environment().putAll(extraEnv);
    builder.redirectErrorStream(true);
    builder.redirectOutput(
        ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile()));
    process = builder.start();
  }

  /** Waits until readiness is UP (the model is loaded). */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited; see " + dataDir.resolve("service.log"));
      }
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the service was not ready in time; see " + dataDir.resolve("service.log"));
  }

  /** Kills the process without any chance to clean up, like a power cut. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Sends SIGTERM, as an orchestrator stopping the service does, without waiting. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the service did not stop within " + timeout);
    }
    return process.exitValue();
  }

  Path dataDir() {
    return dataDir;
  }

  HttpResponse<String> classify(String json) throws IOException, InterruptedException {
    return postAsClient("/classify", json);
  }

  HttpResponse<String> classifyBatch(String json) throws IOException, InterruptedException {
    return postAsClient("/classify/batch", json);
  }

  /** A client's report through {@code /feedback}. */
  HttpResponse<String> feedback(String json) throws IOException, InterruptedException {
    return postAsClient("/feedback", json);
  }

  private HttpResponse<String> postAsClient(String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", API_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
    return http.send(asAdmin(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postAsAdmin(String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        asAdmin(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder asAdmin(String path) {
    String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + basic);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The port the service listens on, for clients other than this class. */
  int port() {
    return port;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
