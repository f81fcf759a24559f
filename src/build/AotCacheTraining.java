import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records the JVM's AOT cache ({@code app.aot}, JEP 483/514/515) for the packaged service: starts
 * {@code quarkus-run.jar} as a first start on an empty data directory with {@code
 * -XX:AOTCacheOutput}, waits until it is ready and classifies with a model, sends it the requests
 * of a typical session, and stops it; the JVM writes the cache as it exits. A service started with
 * {@code -XX:AOTCache=app.aot} then finds the classes of all of that already loaded and linked,
 * with their profiles, instead of loading them from the jars again.
 *
 * <p>The build runs this in {@code package}, right after Quarkus packaged the service, with the JDK
 * that built it (a cache only fits the JDK that wrote it and the jars it was written from; the JVM
 * ignores, with a warning, one that does not). Launched as a source file: {@code java
 * src/build/AotCacheTraining.java target/quarkus-app}.
 */
public class AotCacheTraining {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(5);
  private static final String API_KEY = "aot-training-key";
  private static final String ADMIN_PASSWORD = "aot-training-admin";

  private static final List<String> COMMENTS =
      List.of(
          "Thanks for the detailed walkthrough, the second example finally made it clear to me.",
          "BUY CHEAP PILLS ONLINE!!! best prices at http://pills-direct.example.ru no prescription",
          "Check out my channel and subscribe, I post music covers every day :)",
          "I disagree with the article: the council published the budget in March, not May.",
          "Earn $500 a day working from home, message me on WhatsApp +1 800 555 0199");

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java src/build/AotCacheTraining.java QUARKUS_APP_DIRECTORY");
      System.exit(2);
    }
    Path app = Path.of(args[0]).toAbsolutePath();
    Path cache = app.resolve("app.aot");
    Path log = app.resolveSibling("aot-training.log");
    // The cache only makes starts faster; a training run that fails (a machine too loaded to
    // start the service in time, say) is tried once more and then left out, not a failed build.
    for (int attempt = 1; ; attempt++) {
      try {
        record(app, cache, log);
        return;
      } catch (IllegalStateException | IOException e) {
        Files.deleteIfExists(cache);
        if (attempt == 2) {
          System.out.println(
              "WARNING: packaged without an AOT cache (starts are slower): " + e.getMessage());
          return;
        }
        System.out.println("WARNING: " + e.getMessage() + "; trying once more");
      }
    }
  }

  private static void record(Path app, Path cache, Path log)
      throws IOException, InterruptedException {
    Files.deleteIfExists(cache);
    Path data = Files.createTempDirectory("commentshield-aot-training");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    long started = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:AOTCacheOutput=" + cache,
            "-jar",
            app.resolve("quarkus-run.jar").toString());
    builder.environment().put("COMMENTSHIELD_DATA_DIR", data.toString());
    builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("COMMENTSHIELD_API_KEYS", API_KEY);
    builder.environment().put("COMMENTSHIELD_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.environment().put("COMMENTSHIELD_MODERATOR_PASSWORD", ADMIN_PASSWORD + "-moderator");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process service = builder.start();
    try {
      Session session = new Session(port);
      session.awaitModel(service, log);
      session.exercise();
    } finally {
      service.destroy(); // SIGTERM: the JVM shuts down and then writes the cache
      if (!service.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        service.destroyForcibly();
        fail("the service did not exit within " + EXIT_TIMEOUT + "; see " + log);
      }
      deleteTree(data);
    }
    if (!Files.isRegularFile(cache)) {
      fail("the JVM wrote no AOT cache; see " + log);
    }
    System.out.printf(
        "AOT cache %s (%d MB) recorded in %d s%n",
        cache, Files.size(cache) >> 20, (System.nanoTime() - started) / 1_000_000_000);
  }

  /** The requests of a typical session: clients classifying, a moderator looking at the queue. */
  private record Session(int port, HttpClient http) {

    Session(int port) {
      this(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    }

    void awaitModel(Process service, Path log) throws InterruptedException {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!service.isAlive()) {
          fail("the service exited during the training run; see " + log);
        }
        try {
          if (get("/q/health/ready", false).statusCode() == 200
              && classify(COMMENTS.getFirst()).body().contains("\"modelVersion\"")) {
            return;
          }
        } catch (IOException notListeningYet) {
          // the service is still starting
        }
        Thread.sleep(100);
      }
      fail("the service was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    void exercise() throws IOException, InterruptedException {
      for (int round = 0; round < 20; round++) {
        for (String comment : COMMENTS) {
          expectOk(classify(comment), "/classify");
        }
      }
      StringBuilder batch = new StringBuilder("[");
      for (String comment : COMMENTS) {
        batch.append(batch.length() > 1 ? "," : "").append(json(comment));
      }
      expectOk(post("/classify/batch", batch.append(']').toString()), "/classify/batch");
      expectOk(get("/q/health", false), "/q/health");
      expectOk(get("/login", false), "/login");
      expectOk(get("/moderation", true), "/moderation");
      expectOk(get("/moderation/items", true), "/moderation/items");
      expectOk(get("/admin/models", true), "/admin/models");
    }

    private HttpResponse<String> classify(String comment) throws IOException, InterruptedException {
      return post("/classify", json(comment));
    }

    private HttpResponse<String> post(String path, String body)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(uri(path))
              .header("X-Api-Key", API_KEY)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, boolean asAdmin)
        throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
      if (asAdmin) {
        String credentials = "admin:" + ADMIN_PASSWORD;
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String json(String comment) {
      return "{\"content\":\"" + comment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static void expectOk(HttpResponse<String> response, String what) {
      if (response.statusCode() != 200) {
        fail(
            what
                + " answered "
                + response.statusCode()
                + " during the training run: "
                + response.body());
      }
    }
  }

  private static void fail(String message) {
    throw new IllegalStateException("AOT cache training: " + message);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
