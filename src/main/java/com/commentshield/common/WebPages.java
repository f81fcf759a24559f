package com.commentshield.common;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What the server-rendered pages share: who may see them, CSRF protection of their forms, and the
 * headers that keep a page from running anything it did not ship.
 *
 * <p>CSRF protection is the double-submit pattern: a random token in a SameSite=Strict cookie and
 * the same token in each form; a forged request from another site can send neither.
 */
public final class WebPages {

  public static final String CSRF_COOKIE = "commentshield-csrf";
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

  private static final int TOKEN_LENGTH = 32;

  private WebPages() {}

  /**
   * A redirect to the login form for anonymous visitors, 403 for users without one of {@code
   * roles}, or null when the page may be shown.
   */
  public static Response refuse(SecurityIdentity identity, String... roles) {
    if (identity.isAnonymous()) {
      return Response.seeOther(URI.create("/login")).build();
    }
    if (Arrays.stream(roles).noneMatch(identity::hasRole)) {
      return Problem.of(Response.Status.FORBIDDEN, "your role may not use this page").toResponse();
    }
    return null;
  }

  /**
   * For a form post: like {@link #refuse}, and 403 when the form's CSRF token does not match the
   * cookie; null when the post may proceed.
   */
  public static Response refuseForm(
      SecurityIdentity identity, String formToken, String cookie, String... roles) {
    Response refused = refuse(identity, roles);
    if (refused != null) {
      return refused;
    }
    return csrfMatches(formToken, cookie) ? null : csrfRejected();
  }

  /** The visitor's CSRF token, or a new one when the cookie is missing or malformed. */
  public static String csrfToken(String cookie) {
    return cookie != null && cookie.length() == TOKEN_LENGTH ? cookie : Tokens.random(TOKEN_LENGTH);
  }

  public static boolean csrfMatches(String formToken, String cookie) {
    return formToken != null
        && cookie != null
        && formToken.length() == TOKEN_LENGTH
        && MessageDigest.isEqual(
            formToken.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
  }

  public static Response csrfRejected() {
    return Problem.of(
            Response.Status.FORBIDDEN, "the form's CSRF token is missing or stale: reload the page")
        .toResponse();
  }

  /** An HTML answer with the CSRF cookie set and the page's security headers. */
  public static Response html(String body, String csrfToken) {
    return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .cookie(
            new NewCookie.Builder(CSRF_COOKIE)
                .value(csrfToken)
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build())
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .build();
  }
}
