package com.commentshield.moderation;

import com.commentshield.comment.Label;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private final SecurityIdentity identity;
  private final Template moderation;

  public ModerationPage(ModerationService service, SecurityIdentity identity, Template moderation) {
    this.service = service;
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
      @QueryParam("message") String message,
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
                size));
    int pages = (int) Math.max(1, (result.total() + size - 1) / size);

    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("status", statusFilter);
    putIfPresent(filters, "decision", decisionFilter);
    putIfPresent(filters, "site", siteFilter);
    putIfPresent(filters, "reason", reasonFilter);
    putIfPresent(filters, "minProbability", min == null ? null : min.toString());
    putIfPresent(filters, "maxProbability", max == null ? null : max.toString());
    filters.put("sort", sortOrder);
    String query = queryString(filters);

    String csrf = WebPages.csrfToken(csrfCookie);
    String html =
        moderation
            .data("items", result.items())
            .data("total", result.total())
            .data("pending", service.countPending())
            .data("user", identity.getPrincipal().getName())
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
            .render();
    return WebPages.html(html, csrf);
  }

  /** The page's form: one-click verdicts ({@code one=ID:LABEL}) and bulk verdicts. */
  @POST
  @Path("/page/verdict")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Verdicts from the moderation page's form")
  public Response formVerdict(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("one") String one,
      @FormParam("bulk") String bulk,
      @FormParam("ids") List<String> ids,
      @FormParam("return") String returnQuery) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "moderator", "admin");
    if (refused != null) {
      return refused;
    }
    String user = identity.getPrincipal().getName();
    String message;
    try {
      if (one != null && !one.isBlank()) {
        int colon = one.indexOf(':');
        long id = Long.parseLong(one.substring(0, Math.max(colon, 0)));
        Label label = Label.fromId(one.substring(colon + 1));
        service.verdict(id, label, null, user);
        message = "#" + id + " marked " + (label == Label.SPAM ? "spam" : "not spam");
      } else if (bulk != null && !bulk.isBlank()) {
        Label label = Label.fromId(bulk);
        List<ModerationDtos.BulkVerdict> verdicts = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
          verdicts.add(new ModerationDtos.BulkVerdict(Long.parseLong(id.strip()), label, null));
        }
        if (verdicts.isEmpty()) {
          message = "select items first";
        } else {
          service.bulkVerdict(verdicts, user);
          message =
              verdicts.size() + " items marked " + (label == Label.SPAM ? "spam" : "not spam");
        }
      } else {
        message = "nothing to do";
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      message = "that form did not name an item";
    } catch (IllegalArgumentException e) {
      message = e.getMessage();
    }
    String back =
        returnQuery == null || !returnQuery.matches("[A-Za-z0-9=&%._+-]*") ? "" : returnQuery;
    return Response.seeOther(
            URI.create(
                "/moderation?"
                    + back
                    + "&message="
                    + URLEncoder.encode(message, StandardCharsets.UTF_8)))
        .build();
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
