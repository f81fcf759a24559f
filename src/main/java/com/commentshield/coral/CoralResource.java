package com.commentshield.coral;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The URL to enter as a Coral Talk external moderation phase's callback URL. Public in the HTTP
 * sense, as a webhook receiver is: Coral proves who it is with {@code X-Coral-Signature}, checked
 * against the secrets admins stored ({@link CoralSecrets}); anything else is a 401. The body is
 * taken as raw bytes, because the signature is over exactly those bytes.
 */
@Path("/coral/moderate")
@Tag(
    name = "coral",
    description =
        "Coral Talk's external moderation phase: signed requests, answered with Coral's own"
            + " statuses")
@PermitAll
public class CoralResource {

  private final CoralDoor door;

  public CoralResource(CoralDoor door) {
    this.door = door;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Coral's external moderation request (signed with X-Coral-Signature): 200"
              + " SYSTEM_WITHHELD + spam flag for review, 200 REJECTED for block, 204 for allow,"
              + " 401 for a bad signature")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CoralRequestSchema.class)))
  public Response moderate(byte[] body, @HeaderParam(CoralDoor.SIGNATURE_HEADER) String signature)
      throws IOException {
    return door.moderate(body, signature);
  }

  /** Coral's request, for the OpenAPI description only. */
  @Schema(
      description =
          "Coral's ExternalModerationRequest, sent as Coral builds it; only comment.body is"
              + " required")
  public record CoralRequestSchema(
      @Schema(description = "NEW or EDIT") String action,
      @Schema(description = "{\"body\": the comment, \"parentID\": the parent comment or null}")
          java.util.Map<String, String> comment,
      @Schema(description = "{\"id\": Coral's user id, \"role\": COMMENTER, STAFF, ...}")
          java.util.Map<String, String> author,
      @Schema(description = "{\"id\", \"url\"}: the story") java.util.Map<String, String> story,
      @Schema(description = "{\"id\"}: Coral's site") java.util.Map<String, String> site,
      @Schema(description = "Coral's tenant") String tenantID,
      @Schema(description = "the tenant's domain") String tenantDomain) {}
}
