package com.commentshield.common;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF protection for every route a login session can reach, JSON included. A browser sends the
 * session cookie with any request to this service, also one that a page on a sibling subdomain
 * makes (SameSite=Strict stops other sites, not other subdomains of the same site). So a
 * state-changing request that carries the session cookie, and no API key or HTTP Basic credentials,
 * must show it comes from this service's own pages, by one of:
 *
 * <ul>
 *   <li>{@code Sec-Fetch-Site: same-origin}, which browsers set and pages cannot forge;
 *   <li>without that header (older browsers), an {@code Origin} whose host and port are this
 *       request's {@code Host};
 *   <li>an {@code X-CSRF-Token} header equal to the {@code commentshield-csrf} cookie that every
 *       page sets (for scripts: another origin can neither read the cookie nor set the header).
 * </ul>
 *
 * <p>Routes that read the form's {@code csrf} field check that token themselves ({@link
 * WebPages#refuseForm}); public routes ({@code @PermitAll}: the client doors, the login page) use
 * no session.
 */
@ApplicationScoped
public class SessionCsrfGuard {

  public static final String TOKEN_HEADER = "X-CSRF-Token";

  /** The form field in which the pages' forms carry the CSRF token. */
  static final String FORM_FIELD = "csrf";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final String sessionCookie;
  private final Map<Method, Boolean> guarded = new ConcurrentHashMap<>();

  public SessionCsrfGuard(
      @ConfigProperty(
              name = "quarkus.http.auth.form.cookie-name",
              defaultValue = "quarkus-credential")
          String sessionCookie) {
    this.sessionCookie = sessionCookie;
  }

  @ServerRequestFilter
  public Response check(ContainerRequestContext request, ResourceInfo resource) {
    if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
        || !request.getCookies().containsKey(sessionCookie)
        || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
        || request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER) != null
        || resource == null
        || resource.getResourceMethod() == null
        || !guarded.computeIfAbsent(resource.getResourceMethod(), m -> isGuarded(m, resource))) {
      return null;
    }
    if (sameOrigin(request) || tokenMatches(request)) {
      return null;
    }
    return Problem.of(
            Response.Status.FORBIDDEN,
            "a request authenticated by the login session must come from this service's own pages"
                + " (CSRF protection): send the "
                + TOKEN_HEADER
                + " header with the value of the "
                + WebPages.CSRF_COOKIE
                + " cookie, or use an API key or HTTP Basic")
        .toResponse();
  }

  private static boolean isGuarded(Method method, ResourceInfo resource) {
    if (method.isAnnotationPresent(PermitAll.class)
        || (resource.getResourceClass() != null
            && resource.getResourceClass().isAnnotationPresent(PermitAll.class))) {
      return false;
    }
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      for (Annotation annotation : annotations) {
        if (annotation instanceof FormParam form && FORM_FIELD.equals(form.value())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameOrigin(ContainerRequestContext request) {
    String fetchSite = request.getHeaderString("Sec-Fetch-Site");
    if (fetchSite != null) {
      return fetchSite.strip().equalsIgnoreCase("same-origin");
    }
    String origin = request.getHeaderString("Origin");
    String host = request.getHeaderString(HttpHeaders.HOST);
    if (origin == null || host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin.strip());
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      int port = uri.getPort();
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      boolean defaultPort =
          port < 0
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      String authority = defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
      String requested = host.strip().toLowerCase(Locale.ROOT);
      if (requested.endsWith(":80") || requested.endsWith(":443")) {
        requested = requested.substring(0, requested.lastIndexOf(':'));
      }
      return authority.toLowerCase(Locale.ROOT).equals(requested);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean tokenMatches(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(WebPages.CSRF_COOKIE);
    return cookie != null
        && WebPages.csrfMatches(request.getHeaderString(TOKEN_HEADER), cookie.getValue());
  }
}
