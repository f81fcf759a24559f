package com.commentshield.akismet;

import com.commentshield.comment.Label;
import com.commentshield.common.ClientProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Akismet's REST API, so that a site using an Akismet client moves to CommentShield by changing the
 * host name. The routes are public in the HTTP sense, like Akismet's: each one checks the API key
 * it finds in the body or the host name and answers a bad or missing one with Akismet's own {@code
 * invalid} and an {@code X-akismet-debug-help} header, never with data.
 *
 * <p>Bodies are read as form fields whatever their {@code Content-Type} (see {@link AkismetForm}),
 * so every route consumes any media type.
 */
@Path("/")
@Tag(
    name = "akismet",
    description =
        "Akismet-compatible API: Akismet clients switch by changing the host name. The API key"
            + " travels in the form (api_key or key) or as the host name prefix"
            + " KEY.rest.akismet.com.")
@PermitAll
public class AkismetResource {

  static final String GUID = "X-akismet-guid";
  static final String PRO_TIP = "X-akismet-pro-tip";
  static final String DEBUG_HELP = "X-akismet-debug-help";
  static final String THANKS = "Thanks for making the web a better place.";

  private static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8");

  private final AkismetService akismet;

  public AkismetResource(AkismetService akismet) {
    this.akismet = akismet;
  }

  /**
   * Every Akismet call, under either version prefix ({@code /1.1/get-stats} and {@code
   * /1.2/get-stats} alike): Akismet's documentation and its clients do not agree on which call
   * lives under which. The calls are described one by one in {@code META-INF/openapi.yaml}.
   */
  @POST
  @Path("{version: 1\\.[12]}/{call: [a-z-]+}")
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Operation(hidden = true)
  public Response post(
      @PathParam("call") String name, byte[] body, @Context HttpServerRequest request) {
    AkismetService.Call call = call(body, request);
    return switch (name) {
      case "verify-key" -> verifyKey(call);
      case "comment-check" -> commentCheck(call);
      case "submit-spam" -> submitted(akismet.submit(call, Label.SPAM));
      case "submit-ham" -> submitted(akismet.submit(call, Label.HAM));
      case "get-stats" -> getStats(call);
      case "usage-limit" -> usageLimit(call);
      case "key-sites" -> keySites(call);
      case "get-subscription" -> getSubscription(call);
      case "deactivate" -> deactivate(call);
      default -> throw ClientProblem.notFound("there is no Akismet call " + name);
    };
  }

  /** The calls Akismet also answers by GET, with the fields in the query string. */
  @GET
  @Path("{version: 1\\.[12]}/{call: [a-z-]+}")
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Operation(hidden = true)
  public Response get(@PathParam("call") String name, @Context HttpServerRequest request) {
    AkismetService.Call call = call(null, request);
    return switch (name) {
      case "usage-limit" -> usageLimit(call);
      case "key-sites" -> keySites(call);
      default -> throw ClientProblem.notFound("there is no Akismet call " + name + " by GET");
    };
  }

  private Response verifyKey(AkismetService.Call call) {
    AkismetService.Caller caller = akismet.verifyKey(call);
    return caller.valid() ? text("valid").build() : invalid(caller.refusal()).build();
  }

  private Response commentCheck(AkismetService.Call call) {
    AkismetService.Check check = akismet.check(call);
    Response.ResponseBuilder answer =
        check.refusal() != null ? invalid(check.refusal()) : text(check.spam() ? "true" : "false");
    if (check.discard()) {
      answer.header(PRO_TIP, "discard");
    }
    return answer.header(GUID, check.guid()).build();
  }

  private Response getStats(AkismetService.Call call) {
    AkismetService.Caller caller = akismet.authenticate(call);
    if (!caller.valid()) {
      return invalid(caller.refusal()).build();
    }
    AkismetService.Stats s = akismet.stats(caller.client(), call.form().get("from").orElse("all"));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("spam", s.spam());
    stats.put("ham", s.ham());
    stats.put("missed_spam", s.missedSpam());
    stats.put("false_positives", s.falsePositives());
    stats.put("accuracy", s.accuracy());
    return json(stats);
  }

  private Response usageLimit(AkismetService.Call call) {
    AkismetService.Caller caller = akismet.authenticate(call);
    if (!caller.valid()) {
      return invalid(caller.refusal()).build();
    }
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("limit", "none");
    usage.put("usage", akismet.usageThisMonth(caller.client()));
    usage.put("percentage", "0.00");
    usage.put("throttled", false);
    return json(usage);
  }

  private Response keySites(AkismetService.Call call) {
    AkismetService.Caller caller = akismet.authenticate(call);
    if (!caller.valid()) {
      return invalid(caller.refusal()).build();
    }
    AkismetForm form = call.form();
    String month = akismet.monthOrCurrent(form.get("month").orElse(null));
    int limit = number(form.get("limit"), 500, 1, 10_000);
    int offset = number(form.get("offset"), 0, 0, Integer.MAX_VALUE);
    List<ActivityCounters.SiteCounts> all =
        akismet.sites(
            caller.client(),
            month,
            form.get("filter").orElse(null),
            form.get("order").orElse(null));
    int from = Math.min(offset, all.size());
    int to = (int) Math.min(all.size(), (long) from + limit);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ActivityCounters.SiteCounts site : all.subList(from, to)) {
      Map<String, Object> row = new LinkedHashMap<>();
      // Akismet sends the counts as strings
      row.put("site", site.site());
      row.put("api_calls", Long.toString(site.calls()));
      row.put("spam", Long.toString(site.spam()));
      row.put("ham", Long.toString(site.ham()));
      row.put("missed_spam", Long.toString(site.missedSpam()));
      row.put("false_positives", Long.toString(site.falsePositives()));
      row.put("is_revoked", false);
      rows.add(row);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(month, rows);
    answer.put("limit", limit);
    answer.put("offset", offset);
    answer.put("total", all.size());
    return json(answer);
  }

  private Response getSubscription(AkismetService.Call call) {
    AkismetService.Caller caller = akismet.authenticate(call);
    if (!caller.valid()) {
      return invalid(caller.refusal()).build();
    }
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("account_id", 0);
    account.put("account_name", "CommentShield (self-hosted): " + caller.client());
    account.put("account_type", "self-hosted");
    account.put("status", "active");
    account.put("next_billing_date", null);
    account.put("limit_reached", false);
    return json(account);
  }

  private Response deactivate(AkismetService.Call call) {
    AkismetService.Caller caller = akismet.authenticate(call);
    return caller.valid() ? text("deactivated").build() : invalid(caller.refusal()).build();
  }

  private static AkismetService.Call call(byte[] body, HttpServerRequest request) {
    AkismetForm form =
        AkismetForm.parse(body, request.getHeader(HttpHeaders.CONTENT_TYPE), request.query());
    return new AkismetService.Call(
        form, PresentedKey.of(form, request.uri(), request.getHeader("Host")));
  }

  private static Response submitted(Optional<String> refusal) {
    return refusal.map(AkismetResource::invalid).orElseGet(() -> text(THANKS)).build();
  }

  private static Response.ResponseBuilder text(String body) {
    return Response.ok(body, TEXT);
  }

  private static Response.ResponseBuilder invalid(String why) {
    return text("invalid").header(DEBUG_HELP, why);
  }

  private static Response json(Object body) {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static int number(Optional<String> value, int otherwise, int min, int max) {
    try {
      return value
          .map(Integer::parseInt)
          .map(n -> Math.max(min, Math.min(max, n)))
          .orElse(otherwise);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
