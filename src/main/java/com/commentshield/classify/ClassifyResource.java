package com.commentshield.classify;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The door comment systems call before they publish a comment. It runs on the event loop: scoring
 * is pure computation, and a flagged comment's queue write is committed by the queue writer's
 * thread without holding the event loop (see {@link ClassificationService#classifyOffLoop}).
 */
@Path("/classify")
@Tag(name = "classify", description = "Classify comments before they are published")
@SecurityRequirement(name = "apiKey")
@RolesAllowed("client")
@NonBlocking
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClassifyResource {

  private final ClassificationService service;
  private final SecurityIdentity identity;

  public ClassifyResource(ClassificationService service, SecurityIdentity identity) {
    this.service = service;
    this.identity = identity;
  }

  @POST
  @Operation(summary = "Classify one comment: allow, review or block, with the reasons")
  public Uni<ClassifyResponse> classify(
      @NotNull(message = "a JSON body is required") @Valid ClassifyRequest request) {
    return service.classifyOffLoop(submission(request), identity.getPrincipal().getName());
  }

  @POST
  @Path("/batch")
  @Operation(summary = "Classify 1 to 100 comments; answers come in the same order")
  public Uni<List<ClassifyResponse>> classifyBatch(
      @NotNull(message = "a JSON array body is required")
          @Size(min = 1, max = 100, message = "must hold 1 to 100 comments")
          List<@NotNull(message = "must not be null") @Valid ClassifyRequest> requests) {
    return service.classifyAllOffLoop(
        requests.stream().map(ClassifyResource::submission).toList(),
        identity.getPrincipal().getName());
  }

  private static ClassificationService.Submission submission(ClassifyRequest request) {
    return new ClassificationService.Submission(request.toComment(), request.externalId());
  }
}
