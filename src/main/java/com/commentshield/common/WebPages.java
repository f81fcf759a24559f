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
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:;"
          + " form-action 'self'; frame-ancestors 'none'";

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
      return errorPage(
          403,
          "Not for your role",
          "You are logged in as "
              + identity.getPrincipal().getName()
              + ", whose role may not use this page. It is for: "
              + String.join(" or ", roles)
              + ".");
    }
    return null;
  }

  /**
   * Whether the caller is a browser asking for a page ({@code Accept} names {@code text/html}):
   * such callers get {@link #errorPage}s, API clients problem+json.
   */
  public static boolean wantsHtml(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
  }

  /** A small HTML error page with the way on: the start page, the login form. */
  public static Response errorPage(int status, String title, String detail) {
    String body =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%1$s (%2$d) - CommentShield</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #f6f7f9; color: #1d2330; margin: 0;
                 display: grid; place-items: center; min-height: 100vh; }
          main { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: 1.5rem;
                 max-width: 32rem; margin: 1rem; overflow-wrap: anywhere; }
          h1 { font-size: 1.3rem; margin-top: 0; }
          .status { color: #b00020; font-weight: bold; }
          nav { display: flex; flex-wrap: wrap; gap: 1rem; }
        </style>
        </head>
        <body>
        <main id="error-page">
        <p class="status">%2$d</p>
        <h1>%1$s</h1>
        <p id="error-detail">%3$s</p>
        <nav><a href="/">Start page</a><a href="/moderation">Queue</a><a href="/admin">Admin</a><a href="/login">Log in</a></nav>
        </main>
        </body>
        </html>
        """
            .formatted(escape(title), status, escape(detail));
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(body)
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  /** Text made safe to place in HTML. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
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
