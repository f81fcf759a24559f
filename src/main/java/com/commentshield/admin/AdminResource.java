package com.commentshield.admin;

import com.commentshield.classify.ActiveModel;
import com.commentshield.classify.ModelRegistry;
import com.commentshield.common.Problem;
import com.commentshield.model.Evaluation;
import com.commentshield.training.LabeledExample;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Retraining, model versions, the decision policy, data import and evaluation: admins only. */
@Path("/admin")
@Tag(name = "admin", description = "Retrain, version, activate and evaluate models")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  /** Largest upload accepted by the import and evaluate endpoints. */
  static final int MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

  private final RetrainService retrain;
  private final ModelStore models;
  private final ModelRegistry registry;
  private final PolicyService policy;
  private final SecurityIdentity identity;
  private final ObjectMapper json;
  private final Validator validator;

  public AdminResource(
      RetrainService retrain,
      ModelStore models,
      ModelRegistry registry,
      PolicyService policy,
      SecurityIdentity identity,
      ObjectMapper json,
      Validator validator) {
    this.retrain = retrain;
    this.models = models;
    this.registry = registry;
    this.policy = policy;
    this.identity = identity;
    this.json = json;
    this.validator = validator;
  }

  @POST
  @Path("/retrain")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Start retraining (body optional: algorithm and options); answers 202 with the job")
  public Response retrain(String body) throws IOException {
    RetrainRequest request =
        body == null || body.isBlank()
            ? RetrainRequest.DEFAULTS
            : json.readValue(body, RetrainRequest.class);
    validate(request);
    try {
      RetrainService.JobView job = retrain.start(request, user());
      return Response.accepted(job).location(URI.create("/admin/jobs/" + job.id())).build();
    } catch (RetrainService.JobRunning e) {
      throw new ClientErrorException(e.getMessage() + "; try again when it has finished", 409);
    }
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
    return retrain.find(id).orElseThrow(() -> new NotFoundException("no retraining job " + id));
  }

  @GET
  @Path("/models")
  @Operation(summary = "Model versions with their metrics; one is active")
  public List<Map<String, Object>> listModels() {
    return models.list().stream().map(AdminResource::compact).toList();
  }

  @GET
  @Path("/models/{version}")
  @Operation(summary = "One model version with its full evaluation")
  public ModelStore.Summary model(@PathParam("version") int version) {
    return models.summary(version);
  }

  @POST
  @Path("/models/{version}/activate")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Activate a version (rollback or promotion); every instance follows")
  public Map<String, Object> activate(@PathParam("version") int version) {
    ModelStore.Loaded loaded =
        models.activate(version, "activated by " + user() + " at " + OffsetDateTime.now());
    registry.activate(ActiveModel.of(Integer.toString(loaded.version()), loaded.model()));
    return compact(models.summary(version));
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
      try {
        return policy.setForFalsePositiveRate(request.targetFalsePositiveRate(), user());
      } catch (IllegalStateException e) {
        throw new ClientErrorException(e.getMessage(), 409);
      }
    }
    return policy.set(request.review(), request.block(), user());
  }

  @POST
  @Path("/training-data")
  @Consumes({LabeledUpload.TSV, LabeledUpload.CSV, LabeledUpload.NDJSON})
  @Operation(summary = "Import labeled examples (TSV, CSV or JSON lines); all rows or none")
  public Response importData(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
    LabeledUpload.Parsed parsed = parse(contentType, body, "import");
    OffsetDateTime now = OffsetDateTime.now();
    String by = user();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                parsed
                    .rows()
                    .forEach(
                        row -> {
                          LabeledExample e = new LabeledExample();
                          e.label = row.spam() ? "spam" : "ham";
                          e.content = row.comment().content();
                          e.source = LabeledExample.IMPORT;
                          e.createdBy = by;
                          e.createdAt = now;
                          e.persist();
                        }));
    long spam = parsed.rows().stream().filter(r -> r.spam()).count();
    return Response.status(201)
        .entity(
            Map.of(
                "imported", parsed.rows().size(), "spam", spam, "ham", parsed.rows().size() - spam))
        .build();
  }

  @POST
  @Path("/evaluate")
  @Consumes({LabeledUpload.TSV, LabeledUpload.CSV, LabeledUpload.NDJSON})
  @Operation(summary = "The active model's metrics on uploaded labeled data")
  public Map<String, Object> evaluate(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
    LabeledUpload.Parsed parsed = parse(contentType, body, "evaluate");
    ActiveModel active =
        registry
            .current()
            .orElseThrow(() -> new ClientErrorException("no model is loaded yet", 409));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("modelVersion", active.version());
    result.putAll(ModelStore.describe(Evaluation.of(active.model(), parsed.rows())));
    result.remove("hamScoreQuantiles");
    return result;
  }

  private LabeledUpload.Parsed parse(String contentType, byte[] body, String source) {
    if (body == null || body.length == 0) {
      throw new jakarta.ws.rs.BadRequestException("the upload is empty");
    }
    if (body.length > MAX_UPLOAD_BYTES) {
      throw new ClientErrorException(
          "the upload is larger than " + MAX_UPLOAD_BYTES + " bytes", 413);
    }
    String mediaType;
    try {
      MediaType type = MediaType.valueOf(contentType == null ? "" : contentType);
      mediaType = (type.getType() + "/" + type.getSubtype()).toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      mediaType = "";
    }
    if (!List.of(LabeledUpload.TSV, LabeledUpload.CSV, LabeledUpload.NDJSON).contains(mediaType)) {
      throw new jakarta.ws.rs.NotSupportedException(
          "send labeled examples as "
              + LabeledUpload.TSV
              + ", "
              + LabeledUpload.CSV
              + " or "
              + LabeledUpload.NDJSON);
    }
    LabeledUpload.Parsed parsed = LabeledUpload.parse(body, mediaType, source);
    if (!parsed.errors().isEmpty()) {
      throw new UploadRejected(parsed.errors());
    }
    return parsed;
  }

  /** An upload with bad rows: nothing was imported. */
  public static final class UploadRejected extends RuntimeException {
    public final List<String> errors;

    UploadRejected(List<String> errors) {
      super(errors.size() + " bad rows; nothing was imported");
      this.errors = errors;
    }
  }

  @ServerExceptionMapper
  public Response rejected(UploadRejected e) {
    List<Problem.FieldError> rows =
        e.errors.stream()
            .map(
                error -> {
                  int colon = error.indexOf(": ");
                  return colon > 0
                      ? new Problem.FieldError(
                          error.substring(0, colon), error.substring(colon + 2))
                      : new Problem.FieldError("upload", error);
                })
            .toList();
    return Problem.of(400, "Invalid upload", e.getMessage(), rows).toResponse();
  }

  private static Map<String, Object> compact(ModelStore.Summary s) {
    Map<String, Object> metrics = new LinkedHashMap<>(s.metrics());
    metrics.remove("hamScoreQuantiles");
    metrics.remove("precisionRecallCurve");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", s.version());
    m.put("algorithm", s.algorithm());
    m.put("active", s.active());
    m.put("createdAt", s.createdAt());
    m.put("activatedAt", s.activatedAt());
    m.put("note", s.note());
    m.put("parameters", s.parameters());
    m.put("metrics", metrics);
    m.put("dataSummary", s.dataSummary());
    return m;
  }

  private <T> void validate(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}
