package com.commentshield.perspective;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Perspective API's door: {@code POST /v1alpha1/comments:analyze?key=KEY}. Public in the HTTP
 * sense, as Google's is: the key travels in the query (or {@code X-Goog-Api-Key}), and a missing or
 * bad one gets Google's own error, never a score. Errors use Google's shape rather than
 * problem+json, because that is what Perspective clients parse.
 */
@Path("/v1alpha1/comments:analyze")
@Tag(
    name = "perspective",
    description =
        "Perspective API-compatible scoring: attributeScores.SPAM is the spam probability")
@PermitAll
public class PerspectiveResource {

  private final PerspectiveService perspective;

  public PerspectiveResource(PerspectiveService perspective) {
    this.perspective = perspective;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Perspective comments:analyze with requestedAttributes {SPAM:{}}: the spam probability"
              + " as attributeScores.SPAM.summaryScore.value")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AnalyzeCommentRequest.class)))
  public Map<String, Object> analyze(
      String body, @QueryParam("key") String key, @HeaderParam("X-Goog-Api-Key") String headerKey) {
    return perspective.analyze(body, key != null ? key : headerKey);
  }

  @ServerExceptionMapper
  public Response refused(PerspectiveService.Refusal e) {
    Response.ResponseBuilder answer =
        Response.status(e.code).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body());
    if (e.retryAfter > 0) {
      answer.header("Retry-After", Long.toString(e.retryAfter));
    }
    return answer.build();
  }

  /** Perspective's request, as documented in the OpenAPI description. */
  @Schema(description = "Perspective's AnalyzeCommentRequest; other fields are ignored")
  public record AnalyzeCommentRequest(
      @Schema(description = "{\"text\": \"the comment\"}", required = true)
          Map<String, String> comment,
      @Schema(description = "{\"SPAM\": {}}: SPAM is the only attribute scored", required = true)
          Map<String, Object> requestedAttributes,
      @Schema(description = "echoed in the answer") java.util.List<String> languages,
      @Schema(description = "accepted; this door never stores the comment") Boolean doNotStore,
      @Schema(description = "echoed in the answer") String clientToken) {}
}
