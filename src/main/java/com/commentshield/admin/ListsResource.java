package com.commentshield.admin;

import com.commentshield.memory.Lists;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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
 * The allow and deny lists: a deny entry blocks what matches it, an allow entry allows it, on every
 * instance within one sync period. Domains match their subdomains; IPs may be CIDR ranges.
 */
@Path("/admin/lists")
@Tag(name = "admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ListsResource {

  private final Lists lists;
  private final SecurityIdentity identity;

  public ListsResource(Lists lists, SecurityIdentity identity) {
    this.lists = lists;
    this.identity = identity;
  }

  @GET
  @Operation(summary = "Every allow and deny entry, oldest first")
  public List<Lists.Item> all() {
    return lists.all();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Add an entry: list (allow, deny), kind (domain, email, ip, author), value, optional"
              + " note")
  public Response add(@NotNull(message = "a JSON body is required") Lists.NewEntry entry) {
    Lists.Item added = lists.add(entry, identity.getPrincipal().getName());
    return Response.created(URI.create("/admin/lists/" + added.id())).entity(added).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Remove an entry")
  public Response remove(@PathParam("id") long id) {
    lists.remove(id);
    return Response.noContent().build();
  }
}
