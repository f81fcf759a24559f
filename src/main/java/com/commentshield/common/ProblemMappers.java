package com.commentshield.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers: every error is {@code
 * application/problem+json}. Client errors are logged at DEBUG, server errors at ERROR, and no
 * answer names a Java class or echoes a parser's internal message.
 *
 * <p>Unreadable bodies reach this class in two shapes: Jackson's {@link MismatchedInputException}
 * (wrong type or shape) as it is, and every other Jackson failure (syntax, bad UTF-8, duplicate
 * keys, limits) wrapped by Quarkus REST in a 400 {@link WebApplicationException}; {@link
 * #web(WebApplicationException, ContainerRequestContext)} unwraps it. Bodies over the size limit
 * never get here: {@link BodySizeLimit} answers them.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** JAX-RS and Quarkus REST annotations that bind a parameter to the URI or headers. */
  private static final Pattern REQUEST_PARAMETER =
      Pattern.compile(
          "jakarta\\.ws\\.rs\\.(Query|Path|Header|Form|Cookie|Matrix)Param"
              + "|org\\.jboss\\.resteasy\\.reactive\\.Rest(Query|Path|Header|Form|Cookie|Matrix)");

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(fieldPath(v), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    String detail = describe(errors, "invalid request");
    LOG.debugf("Rejected invalid request: %s", detail);
    return Problem.of(400, JsonProblems.INVALID_REQUEST, detail, errors).toResponse();
  }

  /**
   * Wrong types and shapes. Declared for this exact type so it wins over the mapper Quarkus REST
   * ships for it (priority 5100, empty body outside dev mode).
   */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e) {
    return json(e);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    if (e instanceof InvalidDefinitionException || e instanceof StreamWriteException) {
      // the service's own types or output, not the client's body
      LOG.error("JSON (de)serialisation failed", e);
      return serverError();
    }
    Problem problem = JsonProblems.of(e);
    LOG.debugf("Rejected unreadable body: %s", problem.detail());
    return problem.toResponse();
  }

  /** A body that is not UTF-8 ({@link CheckedJsonInput}), or that looked like UTF-16 or -32. */
  @ServerExceptionMapper
  public Response encoding(CharConversionException e) {
    String detail = "invalid character encoding: the body must be UTF-8 encoded JSON";
    LOG.debugf("Rejected unreadable body: %s (%s)", detail, e.getMessage());
    return Problem.of(400, JsonProblems.MALFORMED_JSON, detail, List.of()).toResponse();
  }

  /** A body refused while it was read: not UTF-8, nested too deeply, a number too long. */
  @ServerExceptionMapper
  public Response refusedInput(CheckedJsonInput.Refused e) {
    String at = " at line " + e.line + ", column " + e.column + ": ";
    String detail =
        e.encoding
            ? "invalid UTF-8" + at + e.getMessage() + "; the body must be UTF-8"
            : "malformed JSON" + at + e.getMessage();
    LOG.debugf("Rejected unreadable body: %s", detail);
    return Problem.of(400, JsonProblems.MALFORMED_JSON, detail, List.of()).toResponse();
  }

  @ServerExceptionMapper
  public Response tooManyRequests(TooManyRequests e) {
    return e.toResponse();
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e, HttpHeaders headers, RoutingContext routing) {
    AuthThrottleFilter loginForm =
        routing == null ? null : routing.get(AuthThrottleFilter.FORM_LOGIN);
    if (loginForm != null) {
      // a failed login-form post: back to the form, which shows its error
      return loginForm.backToLoginPage(routing);
    }
    if (WebPages.wantsHtml(headers.getHeaderString(HttpHeaders.ACCEPT))) {
      return WebPages.errorPage(
          401, "Please log in", "This page is for moderators and admins: log in first.");
    }
    String detail =
        headers.getHeaderString(ApiKeyAuthenticationMechanism.HEADER) != null
            ? "the API key in the X-Api-Key header is not valid"
            : "authentication required: send a valid API key in the X-Api-Key header (client"
                + " systems) or log in (moderators and admins)";
    return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, HttpHeaders headers) {
    if (WebPages.wantsHtml(headers.getHeaderString(HttpHeaders.ACCEPT))) {
      return WebPages.errorPage(
          403, "Not for your role", "Your role may not use this page; log in as someone else.");
    }
    return Problem.of(Response.Status.FORBIDDEN, "your role may not use this endpoint")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response web(
      WebApplicationException e, ContainerRequestContext request, ResourceInfo resource) {
    if (e instanceof NotFoundException && e.getCause() != null) {
      // a query parameter that does not convert: JAX-RS says 404, the client needs to hear which
      Problem.FieldError wrong =
          QueryParameterTypes.firstUnconvertible(
              resource.getResourceMethod(), request.getUriInfo().getQueryParameters());
      if (wrong != null) {
        String detail = "query parameter " + wrong.field() + " " + wrong.message();
        LOG.debugf("Rejected request: %s", detail);
        return Problem.of(400, JsonProblems.INVALID_REQUEST, detail, List.of(wrong)).toResponse();
      }
    }
    JsonProcessingException json = cause(e, JsonProcessingException.class);
    if (json != null) {
      return json(json);
    }
    CheckedJsonInput.Refused refused = cause(e, CheckedJsonInput.Refused.class);
    if (refused != null) {
      return refusedInput(refused);
    }
    CharConversionException encoding = cause(e, CharConversionException.class);
    if (encoding != null) {
      return encoding(encoding);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e);
    }
    Response.StatusType type = e.getResponse().getStatusInfo();
    String detail;
    try {
      detail = webDetail(e, request);
    } catch (RuntimeException describing) {
      detail = type.getReasonPhrase();
    }
    LOG.debugf("Rejected request: %d %s", status, detail);
    if (status == 404 && WebPages.wantsHtml(request.getHeaderString(HttpHeaders.ACCEPT))) {
      return WebPages.errorPage(
          404, "Page not found", "There is no page at " + path(request) + ".");
    }
    Response.ResponseBuilder answer =
        Response.fromResponse(
            Problem.of(status, type.getReasonPhrase(), detail, List.of()).toResponse());
    Object allow = e.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
    if (allow != null) {
      answer.header(HttpHeaders.ALLOW, allow);
    }
    return answer.build();
  }

  @ServerExceptionMapper
  public Response refused(ClientProblem e, HttpHeaders headers) {
    LOG.debugf("Refused request: %d %s", e.status(), e.getMessage());
    if ((e.status() == 404 || e.status() == 403)
        && WebPages.wantsHtml(headers.getHeaderString(HttpHeaders.ACCEPT))) {
      return WebPages.errorPage(
          e.status(), e.status() == 404 ? "Not found" : "Not for your role", e.getMessage());
    }
    Response.StatusType type = Response.Status.fromStatusCode(e.status());
    String title = type == null ? "Client error" : type.getReasonPhrase();
    return Problem.of(e.status(), title, e.getMessage(), List.of()).toResponse();
  }

  @ServerExceptionMapper
  public Response invalidRows(InvalidRowsException e) {
    LOG.debugf("Rejected upload: %s", e.getMessage());
    return Problem.of(400, "Invalid upload", e.getMessage(), e.rows()).toResponse();
  }

  @ServerExceptionMapper
  public Response unavailable(TemporarilyUnavailableException e) {
    return unavailable(e.getMessage(), e.retryAfterSeconds());
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TemporarilyUnavailableException u) {
        return unavailable(u);
      }
    }
    if (DatabaseErrors.unreachable(e)) {
      LOG.warnf("Request failed: the database cannot be reached (%s)", e.getMessage());
      return unavailable("the database cannot be reached; try again shortly", 5);
    }
    LOG.error("Request failed", e);
    return serverError();
  }

  private static Response unavailable(String detail, int retryAfterSeconds) {
    return Response.fromResponse(
            Problem.of(503, "Service unavailable", detail, List.of()).toResponse())
        .header("Retry-After", Integer.toString(retryAfterSeconds))
        .build();
  }

  private static Response serverError() {
    return Problem.of(500, "Server error", "the server could not answer", List.of()).toResponse();
  }

  // --- JAX-RS -----------------------------------------------------------------------------------

  /**
   * The detail for a JAX-RS exception, which only the framework throws (the service's own refusals
   * are {@link ClientProblem}s): told from its type, saying what to do.
   */
  private static String path(ContainerRequestContext request) {
    return shorten("/" + request.getUriInfo().getPath().replaceFirst("^/", ""));
  }

  private static String webDetail(WebApplicationException e, ContainerRequestContext request) {
    Response.StatusType type = e.getResponse().getStatusInfo();
    String method = request.getMethod();
    String path = path(request);
    if (e instanceof NotFoundException) {
      return "there is no endpoint at " + path;
    }
    if (e instanceof NotAllowedException) {
      Set<String> allowed = e.getResponse().getAllowedMethods();
      return "method "
          + method
          + " is not allowed on "
          + path
          + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed));
    }
    if (e instanceof NotSupportedException) {
      String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
      if (contentType == null || contentType.isBlank()) {
        return "the request has no Content-Type; send application/json";
      }
      String mediaType = contentType.split(";", 2)[0].strip();
      return "content type '" + shorten(mediaType) + "' is not supported; send application/json";
    }
    if (e instanceof NotAcceptableException) {
      return "the Accept header rules out every format " + path + " can answer in";
    }
    return type.getReasonPhrase();
  }

  // --- Paths and helpers -----------------------------------------------------------------------

  /**
   * Names the failing field of a violation: {@code classifyBatch.requests[3].content} becomes
   * {@code [3].content}, a violation on the whole body {@code body}, and one on a query, path or
   * header parameter that parameter's name ({@code size}).
   */
  static String fieldPath(ConstraintViolation<?> violation) {
    StringBuilder sb = new StringBuilder();
    String method = null;
    List<Class<?>> parameterTypes = List.of();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD) {
        method = node.getName();
        parameterTypes = node.as(Path.MethodNode.class).getParameterTypes();
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER) {
        int index = node.as(Path.ParameterNode.class).getParameterIndex();
        String name =
            requestParameterName(
                violation.getRootBeanClass(), method, parameterTypes, index, node.getName());
        if (name != null) {
          sb.append(name);
        }
        if (node.getIndex() != null) {
          sb.append('[').append(node.getIndex()).append(']');
        }
        continue;
      }
      if (node.getKind() == ElementKind.CROSS_PARAMETER
          || node.getKind() == ElementKind.RETURN_VALUE) {
        continue;
      }
      if (node.getIndex() != null) {
        sb.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        sb.append('[').append(node.getKey()).append(']');
      }
      if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(node.getName());
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  /**
   * The name a client uses for a resource-method parameter ({@code @QueryParam("size")} gives
   * {@code size}), or null for the request body, whose fields are named from its root.
   */
  private static String requestParameterName(
      Class<?> resource, String method, List<Class<?>> types, int index, String fallback) {
    if (resource != null && method != null) {
      for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
        try {
          Method m = c.getDeclaredMethod(method, types.toArray(Class<?>[]::new));
          if (index < 0 || index >= m.getParameterCount()) {
            break;
          }
          for (Annotation a : m.getParameterAnnotations()[index]) {
            String kind = a.annotationType().getName();
            if (REQUEST_PARAMETER.matcher(kind).matches()) {
              String value = annotationValue(a);
              return value == null || value.isEmpty() ? fallback : value;
            }
          }
        } catch (NoSuchMethodException e) {
          // not declared here
        }
        // keep looking up: CDI subclasses override resource methods without their annotations
      }
    }
    Class<?> type = index >= 0 && index < types.size() ? types.get(index) : null;
    boolean simple =
        type != null
            && (type.isPrimitive()
                || type.isEnum()
                || type == String.class
                || Number.class.isAssignableFrom(type)
                || type == Boolean.class);
    return simple ? fallback : null;
  }

  private static String annotationValue(Annotation annotation) {
    try {
      Object value = annotation.annotationType().getMethod("value").invoke(annotation);
      return value instanceof String s ? s : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static String describe(List<Problem.FieldError> errors, String otherwise) {
    return errors.stream()
        .map(f -> f.field() + ": " + f.message())
        .reduce((a, b) -> a + "; " + b)
        .orElse(otherwise);
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static String quote(Object value) {
    return "'" + shorten(String.valueOf(value)) + "'";
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
