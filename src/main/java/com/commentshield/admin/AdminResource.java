package com.commentshield.admin;

import com.commentshield.common.ClientProblem;
import com.commentshield.examples.LabeledExamples;
import com.commentshield.model.Evaluation;
import com.commentshield.model.LabeledText;
import com.commentshield.model.ModelMetrics;
import com.commentshield.models.ActiveModel;
import com.commentshield.models.ModelActivation;
import com.commentshield.models.ModelRegistry;
import com.commentshield.models.ModelStore;
import com.commentshield.policy.PolicyService;
import com.commentshield.training.RetrainRequest;
import com.commentshield.training.RetrainService;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retraining, model versions, the decision policy, data import and evaluation: admins only. */
@Path("/admin")
@Tag(name = "admin", description = "Retrain, version, activate and evaluate models")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  /** A model version as lists show it: without the curve and the ham quantiles. */
  public record VersionView(
      int version,
      String algorithm,
      boolean active,
      OffsetDateTime createdAt,
      OffsetDateTime activatedAt,
      String note,
      java.util.Map<String, Object> parameters,
      ModelMetrics metrics,
      java.util.Map<String, Integer> dataSummary) {

    static VersionView of(ModelStore.Summary s) {
      return new VersionView(
          s.version(),
          s.algorithm(),
          s.active(),
          s.createdAt(),
          s.activatedAt(),
          s.note(),
          s.parameters(),
          s.metrics() == null ? null : s.metrics().headline(),
          s.dataSummary());
    }
  }

  /** What an import stored. */
  public record Imported(int imported, long spam, long ham) {}

  /** The active model's metrics on uploaded rows. */
  public record Evaluated(int modelVersion, @JsonUnwrapped ModelMetrics metrics) {}

  private final RetrainService retrain;
  private final ModelStore models;
  private final ModelActivation activation;
  private final ModelRegistry registry;
  private final PolicyService policy;
  private final LabeledExamples examples;
  private final SecurityIdentity identity;

  public AdminResource(
      RetrainService retrain,
      ModelStore models,
      ModelActivation activation,
      ModelRegistry registry,
      PolicyService policy,
      LabeledExamples examples,
      SecurityIdentity identity) {
    this.retrain = retrain;
    this.models = models;
    this.activation = activation;
    this.registry = registry;
    this.policy = policy;
    this.examples = examples;
    this.identity = identity;
  }

  @POST
  @Path("/retrain")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start retraining (body optional: algorithm and options); answers 202 with the job")
  public Response retrain(@Valid RetrainRequest request) {
    RetrainService.JobView job =
        retrain.start(request == null ? RetrainRequest.DEFAULTS : request, user());
    return Response.accepted(job).location(URI.create("/admin/jobs/" + job.id())).build();
  }

  @GET
  @Path("/jobs")
  @Operation(summary = "The latest retraining jobs")
  public List<RetrainService.JobView> jobs() {
    return retrain.recent();
  }

  @GET
  @Path("/jobs/{id}")
  @Operation(summary = "A retraining job: state, progress and, when done, the new model's metrics")
  public RetrainService.JobView job(@PathParam("id") long id) {
    return retrain.find(id).orElseThrow(() -> ClientProblem.notFound("no retraining job " + id));
  }

  @GET
  @Path("/models")
  @Operation(summary = "Model versions with their metrics; one is active")
  public List<VersionView> listModels() {
    return models.list().stream().map(VersionView::of).toList();
  }

  @GET
  @Path("/models/{version}")
  @Operation(summary = "One model version with its full evaluation")
  public ModelStore.Summary model(@PathParam("version") int version) {
    return models.summary(version);
  }

  @POST
  @Path("/models/{version}/activate")
  @Operation(summary = "Activate a version (rollback or promotion); every instance follows")
  public VersionView activate(@PathParam("version") int version) {
    activation.activate(version, "activated by " + user() + " at " + OffsetDateTime.now());
    return VersionView.of(models.summary(version));
  }

  @GET
  @Path("/policy")
  @Operation(summary = "The decision thresholds in force")
  public PolicyService.PolicyView getPolicy() {
    return policy.current();
  }

  @PUT
  @Path("/policy")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set thresholds, or a target false-positive rate for the block threshold")
  public PolicyService.PolicyView setPolicy(
      @NotNull(message = "a JSON body is required") @Valid PolicyRequest request) {
    if (request.targetFalsePositiveRate() != null) {
      ModelMetrics active =
          models
              .activeSummary()
              .map(ModelStore.Summary::metrics)
              .orElseThrow(() -> ClientProblem.conflict("no active model yet"));
      return policy.setForFalsePositiveRate(request.targetFalsePositiveRate(), active, user());
    }
    return policy.set(request.review(), request.block(), user());
  }

  @POST
  @Path("/training-data")
  @Consumes({LabeledUpload.TSV, LabeledUpload.CSV, LabeledUpload.NDJSON})
  @Operation(summary = "Import labeled examples (TSV, CSV or JSON lines); all rows or none")
  public Response importData(HttpHeaders headers, byte[] body) {
    List<LabeledText> rows = LabeledUpload.parse(body, mediaType(headers), "import");
    int imported = examples.importAll(rows, user());
    long spam = rows.stream().filter(LabeledText::spam).count();
    return Response.status(201).entity(new Imported(imported, spam, imported - spam)).build();
  }

  @POST
  @Path("/evaluate")
  @Consumes({LabeledUpload.TSV, LabeledUpload.CSV, LabeledUpload.NDJSON})
  @Operation(summary = "The active model's metrics on uploaded labeled data")
  public Evaluated evaluate(HttpHeaders headers, byte[] body) {
    List<LabeledText> rows = LabeledUpload.parse(body, mediaType(headers), "evaluate");
    ActiveModel active =
        registry.current().orElseThrow(() -> ClientProblem.conflict("no model is loaded yet"));
    return new Evaluated(
        active.version(), ModelMetrics.of(Evaluation.of(active.model(), rows)).withoutQuantiles());
  }

  private static String mediaType(HttpHeaders headers) {
    MediaType type = headers.getMediaType();
    return type.getType() + "/" + type.getSubtype();
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}
