package com.commentshield.admin;

import com.commentshield.common.ClientProblem;
import com.commentshield.outbox.WebhookDtos;
import com.commentshield.outbox.Webhooks;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks: register, list (with their last deliveries), delete, and the delivery log with
 * redelivery. Deliveries are signed POSTs of {@code item.queued} and {@code item.judged} events
 * (docs/webhooks.md).
 */
@Path("/admin/webhooks")
@Tag(name = "admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

  private final Webhooks webhooks;
  private final SecurityIdentity identity;

  public WebhooksResource(Webhooks webhooks, SecurityIdentity identity) {
    this.webhooks = webhooks;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register a webhook: url, events (item.queued, item.judged), optional clientLabel; the"
              + " answer holds its signing secret, shown this once")
  public Response create(
      @NotNull(message = "a JSON body is required") @Valid WebhookDtos.NewWebhook request) {
    WebhookDtos.CreatedWebhook created =
        webhooks.create(request, identity.getPrincipal().getName());
    return Response.created(URI.create("/admin/webhooks/" + created.id()))
        .entity(created)
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Operation(summary = "Webhooks with their state and last deliveries")
  public List<WebhookDtos.Webhook> list() {
    return webhooks.list();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One webhook with its state and last deliveries")
  public WebhookDtos.Webhook get(@PathParam("id") long id) {
    return webhooks.get(id).orElseThrow(() -> ClientProblem.notFound("no webhook with id " + id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a webhook: nothing more is sent to it")
  public Response delete(@PathParam("id") long id) {
    if (!webhooks.delete(id)) {
      throw ClientProblem.notFound("no webhook with id " + id);
    }
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      summary =
          "A webhook's deliveries, newest first; state (pending, delivered, failed), before (a"
              + " delivery id, for the next page), limit 1..200")
  public WebhookDtos.DeliveryPage deliveries(
      @PathParam("id") long id,
      @QueryParam("state")
          @Pattern(
              regexp = "pending|delivered|failed",
              message = "must be pending, delivered or failed")
          String state,
      @QueryParam("before") @Pattern(regexp = "[1-9]\\d{0,17}", message = "must be a delivery id")
          String before,
      @QueryParam("limit")
          @DefaultValue("50")
          @Pattern(regexp = "[1-9]|[1-9]\\d|1\\d\\d|200", message = "must be 1 to 200")
          String limit) {
    return webhooks.deliveries(
        id, state, before == null ? null : Long.valueOf(before), Integer.parseInt(limit));
  }

  @GET
  @Path("/{id}/deliveries/{deliveryId}")
  @Operation(summary = "One delivery, with the body it sends")
  public WebhookDtos.Delivery delivery(
      @PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
    return webhooks.delivery(id, deliveryId);
  }

  @POST
  @Path("/{id}/deliveries/{deliveryId}/redeliver")
  @Operation(
      summary =
          "Send a delivery again (same event id, body and signature), whatever became of it;"
              + " 202, it goes out as soon as a worker is free")
  public Response redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
    return Response.accepted(webhooks.redeliver(id, deliveryId)).build();
  }
}
