package com.commentshield.akismet;

import com.commentshield.moderation.Label;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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

  @POST
  @Path("1.1/verify-key")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "Akismet verify-key: valid or invalid (fields key or api_key, blog)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response verifyKey(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Caller caller = akismet.verifyKey(call(body, contentType, request));
    return caller.valid() ? text("valid").build() : invalid(caller.refusal()).build();
  }

  @POST
  @Path("1.1/comment-check")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary =
          "Akismet comment-check: true (spam; X-akismet-pro-tip: discard when blocked), false or"
              + " invalid; review and block decisions are queued for moderators")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response commentCheck(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Check check = akismet.check(call(body, contentType, request));
    Response.ResponseBuilder answer =
        check.refusal() != null ? invalid(check.refusal()) : text(check.spam() ? "true" : "false");
    if (check.discard()) {
      answer.header(PRO_TIP, "discard");
    }
    return answer.header(GUID, check.guid()).build();
  }

  @POST
  @Path("1.1/submit-spam")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "Akismet submit-spam: spam that got through becomes a training example")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response submitSpam(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    return submitted(akismet.submit(call(body, contentType, request), Label.SPAM));
  }

  @POST
  @Path("1.1/submit-ham")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary = "Akismet submit-ham: a comment wrongly called spam becomes a training example")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response submitHam(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    return submitted(akismet.submit(call(body, contentType, request), Label.HAM));
  }

  @POST
  @Path("1.1/get-stats")
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(
      summary =
          "Akismet get-stats: spam, ham, missed spam, false positives and accuracy (field from:"
              + " all, 6-months, 60-days)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response getStats(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Call call = call(body, contentType, request);
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

  @POST
  @Path("1.2/usage-limit")
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(
      summary =
          "Akismet usage-limit: comment checks this month; a self-hosted service has no limit")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response usageLimit(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Caller caller = akismet.authenticate(call(body, contentType, request));
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

  @GET
  @Path("1.2/usage-limit")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(summary = "Akismet usage-limit with the fields in the query string (?api_key=...)")
  public Response usageLimitByGet(@Context HttpServerRequest request) {
    return usageLimit(null, null, request);
  }

  @POST
  @Path("1.2/key-sites")
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(
      summary =
          "Akismet key-sites: the sites that used the key in a month (fields month, filter, order,"
              + " limit, offset)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response keySites(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Call call = call(body, contentType, request);
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

  @GET
  @Path("1.2/key-sites")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(summary = "Akismet key-sites with the fields in the query string (?api_key=...)")
  public Response keySitesByGet(@Context HttpServerRequest request) {
    return keySites(null, null, request);
  }

  @POST
  @Path("1.1/get-subscription")
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(summary = "Akismet get-subscription: a self-hosted key is always active")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response getSubscription(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Caller caller = akismet.authenticate(call(body, contentType, request));
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

  @POST
  @Path("1.1/deactivate")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary = "Akismet deactivate: a site stops using the key (the key itself stays valid)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              schema = @Schema(implementation = Fields.class)))
  public Response deactivate(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    AkismetService.Caller caller = akismet.authenticate(call(body, contentType, request));
    return caller.valid() ? text("deactivated").build() : invalid(caller.refusal()).build();
  }

  /**
   * Every call under the other version prefix too ({@code /1.2/get-stats}, {@code
   * /1.1/usage-limit}, ...): Akismet's documentation and its clients do not agree on which call
   * lives under which. The documented paths above match first; this one is left out of the OpenAPI
   * document as a mere alias.
   */
  @POST
  @Path("{version: 1\\.[12]}/{call: [a-z-]+}")
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Operation(hidden = true)
  public Response otherVersion(
      @PathParam("call") String name,
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServerRequest request) {
    return switch (name) {
      case "verify-key" -> verifyKey(body, contentType, request);
      case "comment-check" -> commentCheck(body, contentType, request);
      case "submit-spam" -> submitSpam(body, contentType, request);
      case "submit-ham" -> submitHam(body, contentType, request);
      case "get-stats" -> getStats(body, contentType, request);
      case "usage-limit" -> usageLimit(body, contentType, request);
      case "key-sites" -> keySites(body, contentType, request);
      case "get-subscription" -> getSubscription(body, contentType, request);
      case "deactivate" -> deactivate(body, contentType, request);
      default -> throw new NotFoundException("there is no Akismet call " + name);
    };
  }

  /** {@link #otherVersion} for the calls Akismet also answers by GET. */
  @GET
  @Path("{version: 1\\.[12]}/{call: [a-z-]+}")
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Operation(hidden = true)
  public Response otherVersionByGet(
      @PathParam("call") String name, @Context HttpServerRequest request) {
    return switch (name) {
      case "usage-limit" -> usageLimit(null, null, request);
      case "key-sites" -> keySites(null, null, request);
      default -> throw new NotFoundException("there is no Akismet call " + name + " by GET");
    };
  }

  /**
   * The form fields documented in the OpenAPI description (every field is optional there). The
   * components are snake_case because they are Akismet's field names as they travel.
   */
  @Schema(description = "Akismet's form fields; see https://akismet.com/developers/ for each one")
  public record Fields(
      @Schema(
              description =
                  "your CommentShield API key (or send it as key, or as the host name prefix)")
          String api_key,
      @Schema(description = "the front page URL of the site") String blog,
      @Schema(description = "the comment author's IP address") String user_ip,
      String user_agent,
      String referrer,
      String permalink,
      @Schema(description = "comment, reply, forum-post, contact-form, signup, ...")
          String comment_type,
      String comment_author,
      String comment_author_email,
      String comment_author_url,
      String comment_content,
      @Schema(description = "ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC)") String comment_date_gmt,
      @Schema(description = "ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC)")
          String comment_post_modified_gmt,
      String comment_parent,
      String blog_lang,
      String blog_charset,
      @Schema(description = "administrator is never spam") String user_role,
      @Schema(description = "1 or true: a test call, not queued and not counted") String is_test,
      String recheck_reason,
      @Schema(
              description =
                  "the name of a hidden form field; when it has a value the comment is spam")
          String honeypot_field_name,
      String comment_context,
      @Schema(description = "submit-spam/submit-ham: the X-akismet-guid comment-check returned")
          String guid) {}

  private static AkismetService.Call call(
      byte[] body, String contentType, HttpServerRequest request) {
    AkismetForm form = AkismetForm.parse(body, contentType, request.query());
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
