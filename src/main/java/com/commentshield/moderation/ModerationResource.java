package com.commentshield.moderation;

import com.commentshield.common.ClientProblem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The moderation queue over HTTP, for moderators' tools and scripts. */
@Path("/moderation/items")
@Tag(name = "moderation", description = "Review flagged comments")
@RolesAllowed({"moderator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ModerationResource {

  private final ModerationService service;
  private final SecurityIdentity identity;

  public ModerationResource(ModerationService service, SecurityIdentity identity) {
    this.service = service;
    this.identity = identity;
  }

  @GET
  @Operation(summary = "List queued comments with filters and paging")
  public ModerationDtos.ItemPage list(
      @QueryParam("status")
          @Pattern(regexp = "pending|resolved", message = "must be pending or resolved")
          String status,
      @QueryParam("decision") @Pattern(regexp = "review|block", message = "must be review or block")
          String decision,
      @QueryParam("site") @Size(max = 200, message = "must be at most 200 characters") String site,
      @QueryParam("reason") @Size(max = 100, message = "must be at most 100 characters")
          String reason,
      @QueryParam("minProbability")
          @DecimalMin(value = "0", message = "must be within 0..1")
          @DecimalMax(value = "1", message = "must be within 0..1")
          Double minProbability,
      @QueryParam("maxProbability")
          @DecimalMin(value = "0", message = "must be within 0..1")
          @DecimalMax(value = "1", message = "must be within 0..1")
          Double maxProbability,
      @QueryParam("sort")
          @DefaultValue("newest")
          @Pattern(regexp = "newest|probability", message = "must be newest or probability")
          String sort,
      @QueryParam("page")
          @DefaultValue("0")
          @Min(value = 0, message = "must be 0 or more")
          @Max(value = 1_000_000, message = "is too large")
          int page,
      @QueryParam("size")
          @DefaultValue("20")
          @Min(value = 1, message = "must be 1 to 100")
          @Max(value = ItemQuery.MAX_PAGE_SIZE, message = "must be 1 to 100")
          int size,
      @QueryParam("q") @Size(max = 200, message = "must be at most 200 characters") String q) {
    return service.list(
        new ItemQuery(
            status,
            decision,
            blankToNull(site),
            blankToNull(reason),
            minProbability,
            maxProbability,
            sort,
            page,
            size,
            blankToNull(q)));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One queued comment with its verdict history")
  public ModerationDtos.Item get(@PathParam("id") long id) {
    return service
        .get(id)
        .orElseThrow(() -> ClientProblem.notFound("no queued item with id " + id));
  }

  @POST
  @Path("/{id}/verdict")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Give a verdict (spam or ham); it becomes a labeled example")
  public ModerationDtos.Item verdict(
      @PathParam("id") long id,
      @NotNull(message = "a JSON body is required") @Valid ModerationDtos.VerdictRequest body) {
    return service.verdict(id, body.label(), body.note(), identity.getPrincipal().getName());
  }

  @POST
  @Path("/verdicts")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Give verdicts on many items at once: all are applied or none")
  public List<ModerationDtos.Item> bulkVerdict(
      @NotNull(message = "a JSON body is required") @Valid ModerationDtos.BulkVerdictRequest body) {
    return service.bulkVerdict(body.verdicts(), identity.getPrincipal().getName());
  }

  @POST
  @Path("/{id}/undo")
  @Operation(
      summary =
          "Take back your own verdict of the last 60 seconds: the item waits again and its labeled"
              + " example is removed; the undoing stays in the item's history")
  public ModerationDtos.Item undo(@PathParam("id") long id) {
    return service.undo(List.of(id), identity.getPrincipal().getName()).getFirst();
  }

  @POST
  @Path("/{id}/author-verdict")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Give a verdict on every pending comment of this item's author (same e-mail address, or"
              + " same name when there is none); answers the ids judged")
  public ModerationDtos.AuthorVerdict authorVerdict(
      @PathParam("id") long id,
      @NotNull(message = "a JSON body is required") @Valid ModerationDtos.VerdictRequest body) {
    return new ModerationDtos.AuthorVerdict(
        service.judgeAuthorPending(id, body.label(), identity.getPrincipal().getName()));
  }

  @POST
  @Path("/{id}/trust-author")
  @Operation(
      summary =
          "Trust this item's author: an allow-list entry for their e-mail address (or name when"
              + " there is none) and every pending comment of theirs judged not spam")
  public ModerationService.TrustedAuthor trustAuthor(@PathParam("id") long id) {
    return service.trustAuthor(id, identity.getPrincipal().getName());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
