package com.commentshield.akismet;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Gives Akismet calls whose {@code Content-Type} is no media type at all one that JAX-RS accepts.
 *
 * <p>The npm package {@code akismet} (2.0.7) sends {@code Content-Type: charset=utf-8} with a form
 * body, and Akismet answers it. Quarkus REST refuses such a header with a 415 before any resource
 * sees the request, so on the Akismet paths this route, which runs first, replaces a header without
 * a {@code type/subtype} by the form media type, keeping its parameters (the charset). Well-formed
 * headers are left alone; {@link AkismetForm} reads the body as a form whatever they say.
 */
@ApplicationScoped
public class AkismetContentType {

  /** Before Quarkus REST and the body-size check. */
  static final int ORDER = -10;

  private static final Pattern AKISMET_PATH = Pattern.compile("/1\\.[12]/[a-z-]+");
  private static final Pattern MEDIA_TYPE = Pattern.compile("\\s*[^\\s/;]+/[^\\s/;]+\\s*(;.*)?");

  void install(@Observes Router router) {
    router
        .route()
        .order(ORDER)
        .handler(
            context -> {
              fix(context.request());
              context.next();
            });
  }

  private static void fix(HttpServerRequest request) {
    if (request.path() == null || !AKISMET_PATH.matcher(request.path()).matches()) {
      return;
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || MEDIA_TYPE.matcher(type).matches()) {
      return;
    }
    String parameters = type.isBlank() ? "" : "; " + type.strip();
    request
        .headers()
        .set(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded" + parameters);
  }
}
