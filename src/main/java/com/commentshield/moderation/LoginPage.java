package com.commentshield.moderation;

import com.commentshield.common.WebPages;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The start page, the login form for moderators and admins (it posts to Quarkus' form
 * authentication at {@code /j_security_check}) and the log-out action.
 */
@Path("/")
@Tag(name = "moderation")
@PermitAll
public class LoginPage {

  /** The cookie in which Quarkus' form authentication keeps the encrypted session. */
  static final String SESSION_COOKIE = "quarkus-credential";

  private final Template login;
  private final Template home;

  public LoginPage(Template login, Template home) {
    this.login = login;
    this.home = home;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The start page (HTML): links to the queue, the admin page and the API docs")
  public Response start() {
    return Response.ok(home.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Content-Security-Policy", WebPages.CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  @GET
  @Path("login")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The login form (HTML)")
  public Response loginForm(@QueryParam("error") String error) {
    return Response.ok(
            login
                .data("error", error != null)
                .data("throttled", "throttled".equals(error))
                .render(),
            MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", WebPages.CONTENT_SECURITY_POLICY)
        .build();
  }

  @POST
  @Path("logout")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Log out of the moderation page")
  public Response logout(
      @FormParam("csrf") String csrf, @CookieParam(WebPages.CSRF_COOKIE) String csrfCookie) {
    if (!WebPages.csrfMatches(csrf, csrfCookie)) {
      return WebPages.csrfRejected();
    }
    NewCookie expired =
        new NewCookie.Builder(SESSION_COOKIE).value("").path("/").maxAge(0).httpOnly(true).build();
    return Response.seeOther(URI.create("/login")).cookie(expired).build();
  }
}
