package com.commentshield.coral;

import com.commentshield.common.ClientProblem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The signing secrets of Coral's external moderation phases. Coral generates a phase's secret and
 * shows it in its admin (Configure, Moderation phases); an admin copies it here. To rotate, add the
 * new secret, rotate in Coral (both sign meanwhile), then delete the old one here.
 */
@Path("/admin/coral/secrets")
@Tag(name = "admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class CoralSecretsResource {

  private final CoralSecrets secrets;
  private final SecurityIdentity identity;

  public CoralSecretsResource(CoralSecrets secrets, SecurityIdentity identity) {
    this.secrets = secrets;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Store a Coral phase's signing secret (empsec_...) and the client its requests act as"
              + " (clientLabel, default coral)")
  public Response add(
      @NotNull(message = "a JSON body is required") @Valid CoralSecrets.NewSecret request) {
    CoralSecrets.SecretView added = secrets.add(request, identity.getPrincipal().getName());
    return Response.created(URI.create("/admin/coral/secrets/" + added.id())).entity(added).build();
  }

  @GET
  @Operation(summary = "The stored Coral secrets (a hint of each, never the secret)")
  public List<CoralSecrets.SecretView> list() {
    return secrets.list();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a Coral secret: requests signed only with it are refused")
  public Response delete(@PathParam("id") long id) {
    if (!secrets.delete(id)) {
      throw ClientProblem.notFound("no Coral secret with id " + id);
    }
    return Response.noContent().build();
  }
}
