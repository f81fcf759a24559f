package com.commentshield.classify;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Missed spam and false positives reported by client systems become training examples. */
@Path("/feedback")
@Tag(name = "classify")
@SecurityRequirement(name = "apiKey")
@RolesAllowed("client")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

  private final FeedbackService feedback;
  private final SecurityIdentity identity;

  public FeedbackResource(FeedbackService feedback, SecurityIdentity identity) {
    this.feedback = feedback;
    this.identity = identity;
  }

  @POST
  @Operation(summary = "Report spam that got through or a comment wrongly flagged")
  public FeedbackService.Outcome report(
      @NotNull(message = "a JSON body is required") @Valid FeedbackRequest body) {
    return feedback.report(
        identity.getPrincipal().getName(),
        body.id(),
        body.externalId(),
        body.comment(),
        body.label());
  }
}
