package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real third-party Akismet clients, unchanged, against the packaged service: the npm package {@code
 * akismet} 2.0.7 (host and port options) and Debian's {@code libnet-akismet-perl} (through an HTTP
 * proxy setting, so the service sees absolute-form request lines and {@code KEY.rest.akismet.com}
 * hosts). Each checks verify-key, a ham and a spam comment-check, submit-spam and submit-ham, and
 * the spam comment in the moderation queue.
 *
 * <p>Needs {@code node} with {@code npm ci} run in {@code e2e/akismet-node}, and {@code perl} with
 * {@code libnet-akismet-perl}; {@code .ci/run} installs both.
 */
class AkismetClientsIT {

  /** A configured key of Akismet's length, for the Perl client. */
  private static final String PERL_KEY = "perlAkismet1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServiceProcess service;

  @BeforeAll
  static void startService() throws Exception {
    service =
        new ServiceProcess(
            ServiceProcess.newDataDir("akismet-clients"),
            // Both clients send the same pharmacy spam (with their own run id) and then report it
            // as ham: with the site's memory on, the second client's spam would be a near-copy of
            // a comment judged ham and be allowed, as it should on a real site. These tests check
            // the protocol, so the memory is off.
            Map.of(
                "COMMENTSHIELD_API_KEYS",
                ServiceProcess.API_KEY + "," + PERL_KEY,
                "COMMENTSHIELD_MEMORY_ENABLED",
                "false"));
    service.start();
    service.awaitReady(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopService() throws InterruptedException {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void theNpmPackageAkismetPassesEveryCheck() throws Exception {
    Path project = Path.of("e2e", "akismet-node");
    assertTrue(
        Files.isDirectory(project.resolve("node_modules").resolve("akismet")),
        "run 'npm ci' in e2e/akismet-node first (.ci/run does)");
    // a key issued by an admin, as a site owner would get one
    HttpResponse<String> issued =
        service.postAsAdmin("/admin/api-keys", "{\"label\":\"node-site\"}");
    assertEquals(201, issued.statusCode(), issued.body());
    String key = JSON.readTree(issued.body()).get("key").asText();
    String run = UUID.randomUUID().toString();

    Result result =
        run(
            project,
            List.of("node", "check.js"),
            Map.of(
                "CS_HOST",
                "127.0.0.1",
                "CS_PORT",
                Integer.toString(service.port()),
                "CS_KEY",
                key,
                "CS_BLOG",
                "http://node.example/",
                "CS_RUN",
                run));

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("verify-key: valid"), result.output());
    assertTrue(result.output().contains("comment-check ham: false"), result.output());
    assertTrue(result.output().contains("comment-check spam: true"), result.output());
    assertTrue(result.output().contains("akismet-node: all checks passed"), result.output());
    theSpamCommentWasQueuedAndResolvedAsHam("node.example", run, "client:node-site");
  }

  @Test
  void debiansNetAkismetThroughAProxyPassesEveryCheck() throws Exception {
    String run = UUID.randomUUID().toString();
    Result result =
        run(
            Path.of("e2e", "akismet-perl"),
            List.of("perl", "check.pl"),
            Map.of(
                "http_proxy",
                "http://127.0.0.1:" + service.port(),
                "PERL_LWP_ENV_PROXY",
                "1",
                "CS_KEY",
                PERL_KEY,
                "CS_BLOG",
                "http://perl.example/",
                "CS_RUN",
                run));

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("verify-key: valid"), result.output());
    assertTrue(result.output().contains("comment-check ham: false"), result.output());
    assertTrue(result.output().contains("comment-check spam: true"), result.output());
    assertTrue(
        result.output().contains("submit-spam: Thanks for making the web a better place."),
        result.output());
    assertTrue(result.output().contains("akismet-perl: all checks passed"), result.output());
    theSpamCommentWasQueuedAndResolvedAsHam("perl.example", run, "client:configured-2");
  }

  /**
   * The spam comment-check queued the comment for moderators; the client's submit-ham of the same
   * comment then resolved it as ham; the ham comment was never queued.
   */
  private static void theSpamCommentWasQueuedAndResolvedAsHam(
      String site, String run, String reporter) throws Exception {
    HttpResponse<String> listing =
        service.getAsAdmin(
            "/moderation/items?size=100&site=" + URLEncoder.encode(site, StandardCharsets.UTF_8));
    assertEquals(200, listing.statusCode(), listing.body());
    JsonNode items = JSON.readTree(listing.body()).get("items");
    JsonNode spam = null;
    for (JsonNode item : items) {
      String content = item.get("content").asText();
      assertTrue(
          !content.contains("bread") && !content.contains("chart"), "ham was queued: " + content);
      if (content.contains("CIALIS") && content.contains(run)) {
        spam = item;
      }
    }
    assertTrue(spam != null, "the spam comment is not in the queue: " + listing.body());
    assertEquals("block", spam.get("decision").asText());
    assertEquals("resolved", spam.get("status").asText());
    assertEquals("ham", spam.get("verdict").asText());
    assertEquals(reporter, spam.get("decidedBy").asText());
  }

  private record Result(int exitCode, String output) {}

  /** Runs a client with a clean proxy environment but for what {@code env} sets. */
  private static Result run(Path dir, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    for (String proxy :
        List.of(
            "http_proxy",
            "HTTP_PROXY",
            "https_proxy",
            "HTTPS_PROXY",
            "no_proxy",
            "NO_PROXY",
            "all_proxy",
            "ALL_PROXY")) {
      builder.environment().remove(proxy);
    }
    builder.environment().putAll(env);
    Path log = Files.createTempFile("akismet-client", ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          command + " did not finish within a minute: " + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
