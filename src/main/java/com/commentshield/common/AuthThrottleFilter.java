package com.commentshield.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before any credential is checked, the login attempts and keyed requests of a client
 * address or user name that {@link AuthThrottle} is holding back: HTTP Basic and {@code X-Api-Key}
 * requests get 429 problem+json with Retry-After; a post of the login form is sent back to the
 * login page, which says why. The doors that find their key in the body check the throttle
 * themselves ({@link ClientKeys}).
 *
 * <p>The login form names its user in the body, which is read later, so a throttled user name there
 * is found by {@link UserIdentityProvider}; it marks the request and this filter turns Quarkus'
 * redirect to the error page into the redirect to the throttled login page.
 */
@ApplicationScoped
public class AuthThrottleFilter {

  /** Before Quarkus' authentication handler (order -200): nothing has been checked yet. */
  static final int ORDER = -201;

  /** Routing-context key under which a refused login's Retry-After seconds travel. */
  static final String THROTTLED = AuthThrottleFilter.class.getName() + ".retry-after";

  /** Routing-context key that marks a post of the login form, so a failure returns to its page. */
  static final String FORM_LOGIN = AuthThrottleFilter.class.getName() + ".form-login";

  private final AuthThrottle throttle;
  private final UserStore users;
  private final ObjectMapper json;
  private final String postLocation;
  private final String errorPage;
  private final String throttledPage;

  public AuthThrottleFilter(
      AuthThrottle throttle,
      UserStore users,
      ObjectMapper json,
      @ConfigProperty(
              name = "quarkus.http.auth.form.post-location",
              defaultValue = "/j_security_check")
          String postLocation,
      @ConfigProperty(name = "quarkus.http.auth.form.login-page", defaultValue = "/login")
          String loginPage,
      @ConfigProperty(name = "quarkus.http.auth.form.error-page", defaultValue = "/login?error=1")
          String errorPage) {
    this.throttle = throttle;
    this.users = users;
    this.json = json;
    this.postLocation = postLocation.startsWith("/") ? postLocation : "/" + postLocation;
    this.throttledPage =
        (loginPage.startsWith("/") ? loginPage : "/" + loginPage) + "?error=throttled";
    this.errorPage = errorPage.startsWith("/") ? errorPage : "/" + errorPage;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    boolean formLogin =
        request.method() == HttpMethod.POST && postLocation.equals(context.normalizedPath());
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    boolean keyed = request.getHeader(ApiKeyAuthenticationMechanism.HEADER) != null;
    if (formLogin) {
      context.put(FORM_LOGIN, this);
    }
    if (!throttle.enabled() || (!formLogin && authorization == null && !keyed)) {
      context.next();
      return;
    }
    long wait = throttle.retryAfter(AuthThrottle.addressOf(request), knownBasicUser(authorization));
    if (wait > 0) {
      refuse(context, formLogin, wait);
      return;
    }
    context.next();
  }

  /** The user name of an HTTP Basic header when it names a known user, else null. */
  private String knownBasicUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    return users.rolesOf(user).isPresent() ? user : null;
  }

  /**
   * The answer to a failed post of the login form: back to the login page, which says whether the
   * password was wrong or the attempts are throttled (then with Retry-After).
   */
  jakarta.ws.rs.core.Response backToLoginPage(RoutingContext context) {
    Long wait = context.get(THROTTLED);
    jakarta.ws.rs.core.Response.ResponseBuilder answer =
        jakarta.ws.rs.core.Response.status(302)
            .header(HttpHeaders.LOCATION.toString(), wait == null ? errorPage : throttledPage)
            .header("Cache-Control", "no-store");
    if (wait != null) {
      answer.header("Retry-After", Long.toString(wait));
    }
    return answer.build();
  }

  private void refuse(RoutingContext context, boolean formLogin, long wait) {
    HttpServerRequest request = context.request();
    HttpServerResponse response = context.response();
    response.putHeader("Retry-After", Long.toString(wait));
    if (!request.isEnded()) {
      // the body is left unread: the connection cannot carry another request
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    if (formLogin) {
      response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, throttledPage).end();
      return;
    }
    String detail =
        "too many failed logins or wrong API keys from your address or for this user; retry after "
            + wait
            + " s";
    byte[] body;
    try {
      body = json.writeValueAsBytes(Problem.of(429, "Too Many Requests", detail, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serialisable", e);
    }
    response
        .setStatusCode(429)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(Buffer.buffer(body));
  }
}
