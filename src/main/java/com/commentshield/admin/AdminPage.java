package com.commentshield.admin;

import com.commentshield.common.ApiKeyStore;
import com.commentshield.common.ClientProblem;
import com.commentshield.common.WebPages;
import com.commentshield.examples.LabeledExamples;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.Evaluation;
import com.commentshield.model.ModelMetrics;
import com.commentshield.models.ModelActivation;
import com.commentshield.models.ModelStore;
import com.commentshield.outbox.WebhookDtos;
import com.commentshield.outbox.Webhooks;
import com.commentshield.policy.PolicyPreview;
import com.commentshield.policy.PolicyService;
import com.commentshield.training.RetrainRequest;
import com.commentshield.training.RetrainService;
import com.commentshield.training.TrainingJob;
import com.commentshield.training.VersionComparison;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The admins' page: model versions with their metrics, the active model's precision-recall curve
 * (drawn here as SVG) and confusion matrix, and a retrain button whose job the page follows by
 * reloading itself every two seconds while it runs.
 */
@Path("/admin")
@Tag(name = "admin")
public class AdminPage {

  private static final Logger LOG = Logger.getLogger(AdminPage.class);

  private final ModelStore models;
  private final RetrainService retrain;
  private final PolicyService policy;
  private final ModelActivation activation;
  private final VersionComparison comparisons;
  private final LabeledExamples examples;
  private final ApiKeyStore keys;
  private final Webhooks webhooks;
  private final SecurityIdentity identity;
  private final Template admin;
  private final Validator validator;
  private volatile long shippedExamples = -1;

  public AdminPage(
      ModelStore models,
      RetrainService retrain,
      PolicyService policy,
      ModelActivation activation,
      VersionComparison comparisons,
      LabeledExamples examples,
      ApiKeyStore keys,
      Webhooks webhooks,
      SecurityIdentity identity,
      Template admin,
      Validator validator) {
    this.models = models;
    this.retrain = retrain;
    this.policy = policy;
    this.activation = activation;
    this.comparisons = comparisons;
    this.examples = examples;
    this.keys = keys;
    this.webhooks = webhooks;
    this.identity = identity;
    this.admin = admin;
    this.validator = validator;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary =
          "The admin page (HTML); review and block preview a policy on the active model's held-out"
              + " comments without saving it")
  public Response page(
      @QueryParam("message") String message,
      @QueryParam("error") String error,
      @QueryParam("review") String review,
      @QueryParam("block") String block,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie) {
    Response refused = WebPages.refuse(identity, "admin");
    if (refused != null) {
      return refused;
    }
    return render(message, error, review, block, csrfCookie, null, null);
  }

  /**
   * The page; {@code issuedKey} and {@code createdWebhook} are shown this once, right after they
   * were made, and never appear in a URL.
   */
  private Response render(
      String message,
      String error,
      String review,
      String block,
      String csrfCookie,
      ApiKeysResource.IssuedKey issuedKey,
      WebhookDtos.CreatedWebhook createdWebhook) {
    List<ModelStore.Summary> versions = models.list();
    Optional<ModelStore.Summary> active =
        versions.stream().filter(ModelStore.Summary::active).findFirst();
    List<RetrainService.JobView> jobs = retrain.recent();
    Optional<RetrainService.JobView> running =
        jobs.stream().filter(j -> TrainingJob.RUNNING.equals(j.state())).findFirst();
    PolicyService.PolicyView current = policy.current();
    ModelMetrics metrics = active.map(ModelStore.Summary::metrics).orElse(null);

    Double proposedReview = threshold(review);
    Double proposedBlock = threshold(block);
    String previewError = null;
    PolicyPreview proposed = null;
    if (review != null || block != null) {
      if (proposedReview == null || proposedBlock == null) {
        previewError = "Thresholds are numbers above 0 and at most 1, e.g. 0.5 and 0.9.";
      } else if (proposedReview > proposedBlock) {
        previewError = "The review threshold must not be above the block threshold.";
      } else if (metrics == null) {
        previewError = "No active model to preview on yet.";
      } else {
        proposed = PolicyPreview.of(metrics, proposedReview, proposedBlock);
      }
    }
    PolicyPreview inForce =
        metrics == null ? null : PolicyPreview.of(metrics, current.review(), current.block());
    VersionComparison.Comparison comparison = compare(current);

    String csrf = WebPages.csrfToken(csrfCookie);
    String html =
        admin
            .data("user", identity.getPrincipal().getName())
            .data("active", active.orElse(null))
            .data(
                "curveSvg",
                metrics == null ? "" : curveSvg(metrics, current.review(), current.block()))
            .data("policy", current)
            .data("inForce", inForce)
            .data("proposed", proposed)
            .data("previewError", previewError)
            .data("proposedReview", proposedReview == null ? review : fixed(proposedReview, 3))
            .data("proposedBlock", proposedBlock == null ? block : fixed(proposedBlock, 3))
            .data("dataRows", active.map(a -> DataRow.of(a.dataSummary())).orElse(List.of()))
            .data("versions", versions.stream().map(VersionRow::of).toList())
            .data("comparison", comparison)
            .data("jobs", jobs.stream().map(j -> JobRow.of(j, trainingExamples())).toList())
            .data("jobRunning", running.isPresent())
            .data("runningJob", running.map(j -> JobRow.of(j, trainingExamples())).orElse(null))
            .data("keys", keys.list())
            .data("issuedKey", issuedKey)
            .data("webhooks", webhooks.list())
            .data("createdWebhook", createdWebhook)
            .data("csrf", csrf)
            .data("message", message == null || message.length() > 300 ? null : message)
            .data("error", error == null || error.length() > 300 ? null : error)
            .render();
    return WebPages.html(html, csrf);
  }

  @POST
  @Path("/page/policy")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The admin page's policy editor: save the review and block thresholds")
  public Response policyFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("review") String review,
      @FormParam("block") String block) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    Double r = threshold(review);
    Double b = threshold(block);
    if (r == null || b == null || r > b) {
      return back(
          null, "Not saved: thresholds are numbers above 0 and at most 1, review not above block.");
    }
    policy.set(r, b, identity.getPrincipal().getName());
    return back("Policy saved: review from " + fixed(r, 3) + ", block from " + fixed(b, 3), null);
  }

  @POST
  @Path("/page/keys")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The admin page: issue an API key, shown on the answer this once")
  public Response issueKeyFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("label") String label) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    String name = label == null ? "" : label.strip();
    if (!name.matches("[\\p{L}\\p{N}._:@-][\\p{L}\\p{N} ._:@-]{0,99}")) {
      return back(null, "Not issued: a label is 1 to 100 letters, digits, spaces and . _ : @ -");
    }
    String key = keys.issue(name, ApiKeysResource.AKISMET_KEY_LENGTH);
    return render(
        "API key issued for " + name + ": copy it now, it is not shown again",
        null,
        null,
        null,
        csrfCookie,
        new ApiKeysResource.IssuedKey(key, name, key.length()),
        null);
  }

  @POST
  @Path("/page/keys/revoke")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The admin page: revoke an API key")
  public Response revokeKeyFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("id") String id) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    return removeFromPage(id, keys::revoke, "API key", "revoke", "key");
  }

  @POST
  @Path("/page/webhooks")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The admin page: register a webhook, its secret shown on the answer once")
  public Response createWebhookFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("url") String url,
      @FormParam("events") List<String> events,
      @FormParam("clientLabel") String clientLabel) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    WebhookDtos.NewWebhook request =
        new WebhookDtos.NewWebhook(
            url == null ? null : url.strip(),
            events == null ? List.of() : events,
            clientLabel == null || clientLabel.isBlank() ? null : clientLabel.strip(),
            null,
            null);
    Set<ConstraintViolation<WebhookDtos.NewWebhook>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      StringBuilder problems = new StringBuilder("Not registered: ");
      violations.stream()
          .map(v -> v.getPropertyPath() + " " + v.getMessage())
          .sorted()
          .forEach(m -> problems.append(m).append("; "));
      return back(null, problems.substring(0, problems.length() - 2));
    }
    try {
      WebhookDtos.CreatedWebhook created =
          webhooks.create(request, identity.getPrincipal().getName());
      return render(
          "Webhook " + created.id() + " registered: copy its secret now, it is not shown again",
          null,
          null,
          null,
          csrfCookie,
          null,
          created);
    } catch (ClientProblem e) {
      return back(null, "Not registered: " + e.getMessage());
    }
  }

  @POST
  @Path("/page/webhooks/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The admin page: delete a webhook")
  public Response deleteWebhookFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("id") String id) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    return removeFromPage(id, webhooks::delete, "webhook", "delete", "webhook");
  }

  /**
   * A page form that removes one thing by its id (revoke a key, delete a webhook): back to the page
   * with what became of it, e.g. "Webhook 3 deleted" or "No API key 9 to revoke".
   */
  private Response removeFromPage(
      String id, java.util.function.LongPredicate remove, String thing, String verb, String noun) {
    try {
      long thingId = Long.parseLong(id == null ? "" : id.strip());
      String named = Character.toUpperCase(thing.charAt(0)) + thing.substring(1) + " " + thingId;
      return remove.test(thingId)
          ? back(named + " " + verb + "d", null)
          : back(null, "No " + thing + " " + thingId + " to " + verb);
    } catch (NumberFormatException e) {
      return back(null, "That form did not name a " + noun + ".");
    }
  }

  @POST
  @Path("/page/webhooks/redeliver")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The admin page: send a webhook delivery again")
  public Response redeliverFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("webhook") String webhook,
      @FormParam("delivery") String delivery) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    try {
      long webhookId = Long.parseLong(webhook == null ? "" : webhook.strip());
      long deliveryId = Long.parseLong(delivery == null ? "" : delivery.strip());
      webhooks.redeliver(webhookId, deliveryId);
      return back("Delivery " + deliveryId + " goes out again", null);
    } catch (NumberFormatException e) {
      return back(null, "That form did not name a delivery.");
    } catch (ClientProblem e) {
      return back(null, e.getMessage());
    }
  }

  @POST
  @Path("/page/retrain")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The admin page's retrain button")
  public Response retrainFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("algorithm") String algorithm) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    String chosen = "naive-bayes".equals(algorithm) ? "naive-bayes" : "logistic";
    String message;
    try {
      RetrainService.JobView job =
          retrain.start(
              new RetrainRequest(chosen, null, null, null, null, null),
              identity.getPrincipal().getName());
      message = "job " + job.id() + " started";
    } catch (RetrainService.JobRunning e) {
      message = e.getMessage();
    }
    return back(message, null);
  }

  @POST
  @Path("/page/activate")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "The admin page's activate button")
  public Response activateFromPage(
      @FormParam("csrf") String csrf,
      @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie,
      @FormParam("version") String version) {
    Response refused = WebPages.refuseForm(identity, csrf, csrfCookie, "admin");
    if (refused != null) {
      return refused;
    }
    int v;
    try {
      v = Integer.parseInt(version == null ? "" : version.strip());
    } catch (NumberFormatException e) {
      return back(null, "no such version");
    }
    activation.activate(
        v, "activated by " + identity.getPrincipal().getName() + " on the admin page");
    return back("version " + v + " is active", null);
  }

  static Response back(String message, String error) {
    String query =
        message != null
            ? "message=" + URLEncoder.encode(message, StandardCharsets.UTF_8)
            : "error=" + URLEncoder.encode(error, StandardCharsets.UTF_8);
    return Response.seeOther(URI.create("/admin?" + query)).build();
  }

  private VersionComparison.Comparison compare(PolicyService.PolicyView current) {
    try {
      return comparisons.compare(current.review(), current.block());
    } catch (RuntimeException e) {
      LOG.warn("Could not compare the model versions on the common set", e);
      return null;
    }
  }

  /** Examples of the shipped data, counted once, and the site's labels, counted now. */
  private long trainingExamples() {
    long shipped = shippedExamples;
    if (shipped < 0) {
      shipped = DefaultTrainingData.load().size();
      shippedExamples = shipped;
    }
    return shipped + examples.countAfter(0);
  }

  private static Double threshold(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(s.strip());
      return d > 0 && d <= 1 ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A share as a percentage for people: {@code 0.4%}, {@code 12.5%}, {@code <0.1%}. */
  @TemplateExtension
  static String percent(Double share) {
    if (share == null) {
      return "";
    }
    if (share > 0 && share < 0.001) {
      return "<0.1%";
    }
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A metric to three decimals. */
  @TemplateExtension
  static String three(Double value) {
    return value == null ? "" : fixed(value, 3);
  }

  /** A count with thousands separated: {@code 1,293}. */
  @TemplateExtension
  static String grouped(Long value) {
    return value == null ? "" : String.format(Locale.ROOT, "%,d", value);
  }

  /**
   * One row of a version's data summary: the examples of one source by label.
   *
   * @param source where they came from (seed, written, moderator, feedback, import...)
   */
  public record DataRow(String source, long ham, long spam) {

    public long total() {
      return ham + spam;
    }

    static List<DataRow> of(Map<String, Integer> summary) {
      Map<String, long[]> bySource = new TreeMap<>();
      if (summary != null) {
        summary.forEach(
            (key, count) -> {
              int slash = key.lastIndexOf('/');
              String source = slash > 0 ? key.substring(0, slash) : key;
              boolean spam = key.endsWith("/spam");
              bySource.computeIfAbsent(source, k -> new long[2])[spam ? 1 : 0] += count;
            });
      }
      List<DataRow> rows = new ArrayList<>();
      bySource.forEach((source, c) -> rows.add(new DataRow(source, c[0], c[1])));
      return rows;
    }
  }

  /** A version as the page lists it. */
  public record VersionRow(ModelStore.Summary summary, long examples, String data) {
    static VersionRow of(ModelStore.Summary s) {
      List<DataRow> rows = DataRow.of(s.dataSummary());
      long total = rows.stream().mapToLong(DataRow::total).sum();
      StringBuilder data = new StringBuilder();
      for (DataRow r : rows) {
        data.append(data.isEmpty() ? "" : "; ")
            .append(r.source())
            .append(String.format(Locale.ROOT, " %,d ham, %,d spam", r.ham(), r.spam()));
      }
      return new VersionRow(s, total, data.toString());
    }
  }

  /**
   * A retraining job as the page shows it: progress as a share, and the examples it trains on.
   *
   * @param examples distinct examples of the finished training, or (while it runs) the shipped and
   *     labeled examples it reads
   * @param percent how far it is, 0 to 100
   */
  public record JobRow(RetrainService.JobView job, Long examples, int percent) {
    static JobRow of(RetrainService.JobView job, long readingNow) {
      Long examples =
          job.metrics() != null && job.metrics().examples() != null
              ? Long.valueOf(job.metrics().examples())
              : TrainingJob.RUNNING.equals(job.state()) ? Long.valueOf(readingNow) : null;
      int percent =
          job.total() <= 0
              ? 0
              : (int) Math.min(100, Math.round(100.0 * job.processed() / job.total()));
      return new JobRow(job, examples, percent);
    }
  }

  /**
   * The precision-recall curve as an inline SVG with both axes ticked from 0 to 1 and the points of
   * the review and block thresholds marked (NaN leaves a mark out).
   */
  static String curveSvg(ModelMetrics metrics, double review, double block) {
    List<Evaluation.CurvePoint> points = metrics == null ? null : metrics.precisionRecallCurve();
    if (points == null || points.isEmpty()) {
      return "";
    }
    int width = 360;
    int height = 280;
    int left = 46;
    int right = 14;
    int top = 14;
    int bottom = 40;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"pr-curve\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"precision-recall"
                + " curve with the review and block thresholds\" font-family=\"system-ui,"
                + " sans-serif\">",
            width,
            height,
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafbfc\""
                + " stroke=\"#c9ced6\"/>",
            left,
            top,
            plotW,
            plotH));
    for (int i = 0; i <= 10; i++) {
      double v = i / 10.0;
      double x = left + v * plotW;
      double y = top + plotH - v * plotH;
      boolean labelled = i % 2 == 0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                  + " stroke=\"#e3e6eb\"/>"
                  + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#566\"/>"
                  + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#566\"/>",
              x,
              (double) top,
              x,
              top + plotH,
              x,
              top + plotH,
              x,
              top + plotH + (labelled ? 5 : 3),
              left - (labelled ? 5 : 3),
              y,
              left,
              y));
      if (labelled) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%.1f</text>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.1f</text>",
                x,
                top + plotH + 16,
                v,
                left - 7,
                y + 3.5,
                v));
      }
    }
    StringBuilder line = new StringBuilder();
    for (Evaluation.CurvePoint p : points) {
      line.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              left + p.recall() * plotW,
              top + plotH - p.precision() * plotH));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"#1d4fb8\" stroke-width=\"2\" points=\"%s\"/>",
            line.toString().strip()));
    mark(svg, points, review, "review", "#a15c00", left, top, plotW, plotH);
    mark(svg, points, block, "block", "#b00020", left, top, plotW, plotH);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">recall (share"
                + " of spam caught)</text>"
                + "<text x=\"12\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 12 %.1f)\">precision</text>",
            left + plotW / 2,
            height - 6,
            top + plotH / 2,
            top + plotH / 2));
    svg.append("</svg>");
    return svg.toString();
  }

  /** A threshold's point on the curve: the most lenient point still at or above it. */
  private static void mark(
      StringBuilder svg,
      List<Evaluation.CurvePoint> points,
      double threshold,
      String name,
      String colour,
      int left,
      int top,
      double plotW,
      double plotH) {
    if (Double.isNaN(threshold)) {
      return;
    }
    Evaluation.CurvePoint at = null;
    for (Evaluation.CurvePoint p : points) {
      if (p.threshold() >= threshold && (at == null || p.threshold() < at.threshold())) {
        at = p;
      }
    }
    if (at == null) {
      at = points.getFirst();
    }
    double x = left + at.recall() * plotW;
    double y = top + plotH - at.precision() * plotH;
    svg.append(
        String.format(
            Locale.ROOT,
            "<g class=\"threshold\" id=\"mark-%s\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\""
                + " fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\""
                + " text-anchor=\"end\">%s %.2f</text></g>",
            name,
            x,
            y,
            colour,
            x - 7,
            y + ("block".equals(name) ? -7 : 14),
            colour,
            name,
            threshold));
  }
}
