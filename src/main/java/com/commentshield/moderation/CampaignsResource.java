package com.commentshield.moderation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaigns of near-copies in the queue, judged as one. */
@Path("/moderation/campaigns")
@Tag(name = "moderation")
@RolesAllowed({"moderator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

  private final Campaigns campaigns;
  private final SecurityIdentity identity;

  public CampaignsResource(Campaigns campaigns, SecurityIdentity identity) {
    this.campaigns = campaigns;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "Pending near-copies grouped as campaigns: id, count, first and last arrival, a sample,"
              + " the items; largest first")
  public List<Campaigns.Campaign> pending() {
    return campaigns.pending();
  }

  @POST
  @Path("/{id}/verdict")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Judge every pending item of a campaign (label spam or ham, optional note): all or"
              + " nothing, each item's verdict kept in its history")
  public List<ModerationDtos.Item> verdict(
      @PathParam("id") long id,
      @NotNull(message = "a JSON body is required") Campaigns.CampaignVerdict verdict) {
    return campaigns.judge(id, verdict, identity.getPrincipal().getName());
  }
}
