package com.commentshield.admin;

import com.commentshield.common.WebPages;
import com.commentshield.model.Evaluation;
import com.commentshield.model.ModelMetrics;
import com.commentshield.models.ModelActivation;
import com.commentshield.models.ModelStore;
import com.commentshield.policy.PolicyService;
import com.commentshield.training.RetrainRequest;
import com.commentshield.training.RetrainService;
import com.commentshield.training.TrainingJob;
import io.quarkus.qute.Template;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admins' page: model versions with their metrics, the active model's precision-recall curve
 * (drawn here as SVG) and confusion matrix, and a retrain button whose job the page follows by
 * reloading itself every two seconds while it runs.
 */
@Path("/admin")
@Tag(name = "admin")
public class AdminPage {

  private final ModelStore models;
  private final RetrainService retrain;
  private final PolicyService policy;
  private final ModelActivation activation;
  private final SecurityIdentity identity;
  private final Template admin;

  public AdminPage(
      ModelStore models,
      RetrainService retrain,
      PolicyService policy,
      ModelActivation activation,
      SecurityIdentity identity,
      Template admin) {
    this.models = models;
    this.retrain = retrain;
    this.policy = policy;
    this.activation = activation;
    this.identity = identity;
    this.admin = admin;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The admin page (HTML)")
  public Response page(
      @QueryParam("message") String message, @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie) {
    Response refused = WebPages.refuse(identity, "admin");
    if (refused != null) {
      return refused;
    }
    List<ModelStore.Summary> versions = models.list();
    Optional<ModelStore.Summary> active =
        versions.stream().filter(ModelStore.Summary::active).findFirst();
    List<RetrainService.JobView> jobs = retrain.recent();
    Optional<RetrainService.JobView> running =
        jobs.stream().filter(j -> TrainingJob.RUNNING.equals(j.state())).findFirst();
    String csrf = WebPages.csrfToken(csrfCookie);
    String html =
        admin
            .data("user", identity.getPrincipal().getName())
            .data("active", active.orElse(null))
            .data("curveSvg", active.map(a -> curveSvg(a.metrics())).orElse(""))
            .data("policy", policy.current())
            .data("versions", versions)
            .data("jobs", jobs)
            .data("jobRunning", running.isPresent())
            .data("runningJob", running.orElse(null))
            .data("csrf", csrf)
            .data("message", message == null || message.length() > 300 ? null : message)
            .render();
    return WebPages.html(html, csrf);
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
    return back(message);
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
      return back("no such version");
    }
    activation.activate(
        v, "activated by " + identity.getPrincipal().getName() + " on the admin page");
    return back("version " + v + " is active");
  }

  private static Response back(String message) {
    return Response.seeOther(
            URI.create("/admin?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8)))
        .build();
  }

  /** The precision-recall curve as an inline SVG; nothing on the page runs script. */
  static String curveSvg(ModelMetrics metrics) {
    List<Evaluation.CurvePoint> points = metrics == null ? null : metrics.precisionRecallCurve();
    if (points == null || points.isEmpty()) {
      return "";
    }
    int width = 320;
    int height = 240;
    int pad = 30;
    StringBuilder line = new StringBuilder();
    for (Evaluation.CurvePoint p : points) {
      double recall = p.recall();
      double precision = p.precision();
      double x = pad + recall * (width - 2 * pad);
      double y = height - pad - precision * (height - 2 * pad);
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return String.format(
        Locale.ROOT,
        "<svg id=\"pr-curve\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
            + " aria-label=\"precision-recall curve\">"
            + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafbfc\" stroke=\"#c9ced6\"/>"
            + "<polyline fill=\"none\" stroke=\"#b00020\" stroke-width=\"2\" points=\"%s\"/>"
            + "<text x=\"%d\" y=\"%d\" font-size=\"11\">recall</text>"
            + "<text x=\"4\" y=\"%d\" font-size=\"11\">precision</text>"
            + "<text x=\"%d\" y=\"%d\" font-size=\"10\">0</text><text x=\"%d\" y=\"%d\" font-size=\"10\">1</text>"
            + "</svg>",
        width,
        height,
        pad,
        pad,
        width - 2 * pad,
        height - 2 * pad,
        line.toString().strip(),
        width / 2,
        height - 8,
        pad - 6,
        pad - 12,
        height - pad + 12,
        width - pad - 4,
        height - pad + 12);
  }
}
