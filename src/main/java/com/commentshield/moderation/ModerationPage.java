package com.commentshield.moderation;

import com.commentshield.comment.Label;
import com.commentshield.common.ClientProblem;
import com.commentshield.common.WebPages;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The moderators' web page: the queue rendered on the server, one-click verdicts, filters and
 * paging, no JavaScript needed. Forms carry a CSRF token (see {@link WebPages}).
 *
 * <p>A visitor who is not logged in is sent to the login page; a logged-in user without the
 * moderator or admin role gets 403.
 */
@Path("/moderation")
@Tag(name = "moderation")
public class ModerationPage {

  private final ModerationService service;
  private final Campaigns campaigns;
  private final SecurityIdentity identity;
  private final Template moderation;

  public ModerationPage(
      ModerationService service,
      Campaigns campaigns,
      SecurityIdentity identity,
      Template moderation) {
    this.service = service;
    this.campaigns = campaigns;
    this.identity = identity;
    this.moderation = moderation;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The moderation page (HTML)")
  public Response page(
      @QueryParam("status") String status,
      @QueryParam("decision") String decision,
      @QueryParam("site") String site,
      @QueryParam("reason") String reason,
      @QueryParam("minProbability") String minProbability,
      @QueryParam("maxProbability") String maxProbability,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page,
      @QueryParam("q") String search,
      @QueryParam("message") String message,
      @QueryParam("error") String error,
      @QueryParam("undo") String undo,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie) {
    Response refused = WebPages.refuse(identity, "moderator", "admin");
    if (refused != null) {
      return refused;
    }
    String statusFilter = oneOf(status, "pending", "pending", "resolved", "all");
    String decisionFilter = oneOf(decision, null, "review", "block");
    String sortOrder = oneOf(sort, "newest", "newest", "probability");
    Double min = probability(minProbability);
    Double max = probability(maxProbability);
    int pageNumber = Math.max(0, Math.min(parseInt(page), 1_000_000));
    String siteFilter = trimmed(site, 200);
    String reasonFilter = trimmed(reason, 100);
    String searchText = trimmed(search, 200);
    int size = 20;
    ModerationDtos.ItemPage result =
        service.list(
            new ItemQuery(
                "all".equals(statusFilter) ? null : statusFilter,
                decisionFilter,
                siteFilter,
                reasonFilter,
                min,
                max,
                sortOrder,
                pageNumber,
                size,
                searchText));
    int pages = (int) Math.max(1, (result.total() + size - 1) / size);

    Map<String, String> filters = new LinkedHashMap<>();
    putIfPresent(filters, "q", searchText);
    filters.put("status", statusFilter);
    putIfPresent(filters, "decision", decisionFilter);
    putIfPresent(filters, "site", siteFilter);
    putIfPresent(filters, "reason", reasonFilter);
    putIfPresent(filters, "minProbability", min == null ? null : min.toString());
    putIfPresent(filters, "maxProbability", max == null ? null : max.toString());
    filters.put("sort", sortOrder);
    String query = queryString(filters);

    String csrf = WebPages.csrfToken(csrfCookie);
    Map<String, Long> byDecision = service.countPendingByDecision();
    String undoIds = undo != null && undo.matches("\\d{1,18}(,\\d{1,18}){0,99}") ? undo : null;
    String html =
        moderation
            .data("items", result.items().stream().map(QueueEntry::of).toList())
            .data("pageIds", result.items().stream().map(i -> i.id()).toList())
            .data("total", result.total())
            .data("pending", byDecision.values().stream().mapToLong(Long::longValue).sum())
            .data("pendingReview", byDecision.get("review"))
            .data("pendingBlock", byDecision.get("block"))
            .data("user", identity.getPrincipal().getName())
            .data("admin", identity.hasRole("admin"))
            .data("q", searchText)
            .data(
                "campaigns",
                "resolved".equals(statusFilter)
                    ? List.of()
                    : campaigns.pending().stream().limit(10).toList())
            .data("status", statusFilter)
            .data("decision", decisionFilter)
            .data("site", siteFilter)
            .data("reason", reasonFilter)
            .data("minProbability", min)
            .data("maxProbability", max)
            .data("sort", sortOrder)
            .data("pageShown", pageNumber + 1)
            .data("pages", pages)
            .data(
                "prevLink",
                pageNumber > 0 ? "/moderation?" + query + "&page=" + (pageNumber - 1) : null)
            .data(
                "nextLink",
                pageNumber + 1 < pages
                    ? "/moderation?" + query + "&page=" + (pageNumber + 1)
                    : null)
            .data("returnQuery", query + "&page=" + pageNumber)
            .data("csrf", csrf)
            .data("message", trimmed(message, 200))
            .data("error", trimmed(error, 300))
            .data("undo", undoIds)
            .data("undoCount", undoIds == null ? 0 : undoIds.split(",").length)
            .render();
    return WebPages.html(html, csrf);
  }

  /**
   * The page's form: one-click verdicts ({@code one=ID:LABEL}), verdicts on the selected items
   * ({@code bulk=LABEL} with {@code ids}), on every item shown ({@code all=LABEL} with {@code
   * pageIds}) and on every pending comment of an item's author ({@code author=ID:LABEL}).
   */
  @POST
  @Path("/page/verdict")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Verdicts from the moderation page's form")
  public Response formVerdict(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("one") String one,
      @FormParam("bulk") String bulk,
      @FormParam("all") String all,
      @FormParam("author") String author,
      @FormParam("trust") String trust,
      @FormParam("campaign") String campaign,
      @FormParam("ids") List<String> ids,
      @FormParam("pageIds") List<String> pageIds,
      @FormParam("return") String returnQuery) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "moderator", "admin");
    if (refused != null) {
      return refused;
    }
    String user = identity.getPrincipal().getName();
    try {
      if (one != null && !one.isBlank()) {
        int colon = one.indexOf(':');
        long id = Long.parseLong(one.substring(0, Math.max(colon, 0)));
        Label label = Label.fromId(one.substring(colon + 1));
        service.verdict(id, label, null, user);
        return back(returnQuery, "#" + id + " marked " + labelText(label), null, List.of(id));
      }
      if (author != null && !author.isBlank()) {
        int colon = author.indexOf(':');
        long id = Long.parseLong(author.substring(0, Math.max(colon, 0)));
        Label label = Label.fromId(author.substring(colon + 1));
        List<Long> judged = service.judgeAuthorPending(id, label, user);
        return back(
            returnQuery,
            judged.size()
                + (judged.size() == 1 ? " comment" : " comments")
                + " of this author marked "
                + labelText(label),
            null,
            judged);
      }
      if (trust != null && !trust.isBlank()) {
        long id = Long.parseLong(trust.strip());
        ModerationService.TrustedAuthor trusted = service.trustAuthor(id, user);
        return back(
            returnQuery,
            "Trusted "
                + trusted.entry().value()
                + " (allow list); "
                + trusted.judged().size()
                + " pending "
                + (trusted.judged().size() == 1 ? "comment" : "comments")
                + " marked not spam",
            null,
            trusted.judged());
      }
      if (campaign != null && !campaign.isBlank()) {
        int colon = campaign.indexOf(':');
        long id = Long.parseLong(campaign.substring(0, Math.max(colon, 0)));
        Label label = Label.fromId(campaign.substring(colon + 1));
        List<ModerationDtos.Item> judged =
            campaigns.judge(id, new Campaigns.CampaignVerdict(label, null), user);
        return back(
            returnQuery,
            "Campaign of " + judged.size() + " comments marked " + labelText(label),
            null,
            judged.stream().map(ModerationDtos.Item::id).toList());
      }
      boolean everyShown = all != null && !all.isBlank();
      if (everyShown || (bulk != null && !bulk.isBlank())) {
        Label label = Label.fromId(everyShown ? all : bulk);
        List<String> chosen = everyShown ? pageIds : ids;
        List<ModerationDtos.BulkVerdict> verdicts = new ArrayList<>();
        for (String id : chosen == null ? List.<String>of() : chosen) {
          verdicts.add(new ModerationDtos.BulkVerdict(Long.parseLong(id.strip()), label, null));
        }
        if (verdicts.isEmpty()) {
          return back(returnQuery, null, "Select items first: tick their boxes.", List.of());
        }
        service.bulkVerdict(verdicts, user);
        return back(
            returnQuery,
            verdicts.size() + " items marked " + labelText(label),
            null,
            verdicts.stream().map(ModerationDtos.BulkVerdict::id).toList());
      }
      return back(returnQuery, null, "Nothing to do: choose a verdict.", List.of());
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return back(returnQuery, null, "That form did not name an item.", List.of());
    } catch (ClientProblem e) {
      return back(returnQuery, null, e.getMessage(), List.of());
    } catch (IllegalArgumentException e) {
      return back(returnQuery, null, e.getMessage(), List.of());
    }
  }

  /**
   * The page's undo button: takes back the verdicts just given (see {@link
   * ModerationService#undo}).
   */
  @POST
  @Path("/page/undo")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Undo from the moderation page: the last verdicts, within a minute")
  public Response formUndo(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("ids") String ids,
      @FormParam("return") String returnQuery) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "moderator", "admin");
    if (refused != null) {
      return refused;
    }
    if (ids == null || !ids.matches("\\d{1,18}(,\\d{1,18}){0,499}")) {
      return back(returnQuery, null, "That form did not name the verdicts to undo.", List.of());
    }
    List<Long> items = Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
    try {
      service.undo(items, identity.getPrincipal().getName());
    } catch (ClientProblem e) {
      return back(returnQuery, null, e.getMessage(), List.of());
    }
    return back(
        returnQuery,
        items.size() == 1
            ? "Undone: #" + items.getFirst() + " waits again"
            : "Undone: " + items.size() + " items wait again",
        null,
        List.of());
  }

  private static String labelText(Label label) {
    return label == Label.SPAM ? "spam" : "not spam";
  }

  /** Back to the page the form was on, with a message or an error and what can be undone. */
  private static Response back(
      String returnQuery, String message, String error, List<Long> undoable) {
    String query =
        returnQuery == null || !returnQuery.matches("[A-Za-z0-9=&%._+*~-]*") ? "" : returnQuery;
    StringJoiner target = new StringJoiner("&", "/moderation?", "");
    if (!query.isEmpty()) {
      target.add(query);
    }
    if (message != null) {
      target.add("message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }
    if (error != null) {
      target.add("error=" + URLEncoder.encode(error, StandardCharsets.UTF_8));
    }
    if (!undoable.isEmpty() && undoable.size() <= 100) {
      target.add("undo=" + String.join(",", undoable.stream().map(String::valueOf).toList()));
    }
    return Response.seeOther(URI.create(target.toString())).build();
  }

  /** An item's spam probability for the page: two decimals, or "?" when no model answered. */
  @TemplateExtension
  static String probabilityText(ModerationDtos.Item item) {
    Double p = item.spamProbability();
    return p == null ? "?" : String.format(Locale.ROOT, "%.2f", p);
  }

  private static String oneOf(String value, String fallback, String... allowed) {
    if (value != null) {
      for (String a : allowed) {
        if (a.equals(value)) {
          return a;
        }
      }
    }
    return fallback;
  }

  private static Double probability(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(s.strip());
      return d >= 0 && d <= 1 ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String trimmed(String s, int max) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return t.length() > max ? t.substring(0, max) : t;
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String queryString(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (!sb.isEmpty()) {
            sb.append('&');
          }
          sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }
}
