package com.commentshield.classify;

import com.commentshield.outbox.VerdictFeed;
import com.commentshield.outbox.WebhookDtos;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The verdict feed, for comment systems without a public URL to receive webhooks: the verdicts
 * moderators gave on the comments this client queued, oldest first, read with the client's own API
 * key. Keys with the same label are one client and share one feed; no client sees another's.
 */
@Path("/classify/verdicts")
@Tag(name = "classify")
@SecurityRequirement(name = "apiKey")
@RolesAllowed("client")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictFeedResource {

  private final VerdictFeed feed;
  private final SecurityIdentity identity;

  public VerdictFeedResource(VerdictFeed feed, SecurityIdentity identity) {
    this.feed = feed;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "Verdicts on the comments this client queued, oldest first, after a cursor; poll with"
              + " the answer's next as after")
  public WebhookDtos.FeedPage verdicts(
      @QueryParam("after")
          @Pattern(
              regexp = "\\d{1,18}",
              message = "must be a cursor from an earlier answer's next (digits)")
          String after,
      // a string, so that "limit=ten" is a 400 naming limit like "limit=0" is
      @QueryParam("limit")
          @DefaultValue("100")
          @Pattern(regexp = "[1-9]|[1-9]\\d|[1-4]\\d\\d|500", message = "must be 1 to 500")
          String limit) {
    long cursor = after == null ? 0 : Long.parseLong(after);
    return feed.page(identity.getPrincipal().getName(), cursor, Integer.parseInt(limit));
  }
}
