package com.commentshield.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
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

  static final String INVALID_REQUEST = "Invalid request";
  static final String MALFORMED_JSON = "Malformed JSON";

  /** Messages Quarkus REST puts in the exceptions it throws itself. */
  private static final Set<String> FRAMEWORK_MESSAGES =
      Set.of(
          "Unable to find matching target resource method",
          "The content-type header value did not match the value in @Consumes",
          "The accept header value did not match the value in @Produces");

  private static final Pattern QUOTED = Pattern.compile("'([^']{0,80})'");
  private static final Pattern UNEXPECTED_CHAR =
      Pattern.compile("Unexpected character \\('(.{1,2})'");

  /** JAX-RS and Quarkus REST annotations that bind a parameter to the URI or headers. */
  private static final Pattern REQUEST_PARAMETER =
      Pattern.compile(
          "jakarta\\.ws\\.rs\\.(Query|Path|Header|Form|Cookie|Matrix)Param"
              + "|org\\.jboss\\.resteasy\\.reactive\\.Rest(Query|Path|Header|Form|Cookie|Matrix)");

  private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");
  private static final Pattern SHAPE =
      Pattern.compile(
          "(?:from|Cannot coerce) (empty"
              + " String|String|Integer|Floating-point|Number|Boolean|Array|Object) value");
  private static final Pattern UTF8_PROBLEM =
      Pattern.compile("(?i)(Invalid UTF-8 (?:start|middle) byte 0x[0-9a-f]+)");

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(fieldPath(v), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    String detail = describe(errors, "invalid request");
    LOG.debugf("Rejected invalid request: %s", detail);
    return Problem.of(400, INVALID_REQUEST, detail, errors).toResponse();
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
    Problem problem = jsonProblem(e);
    LOG.debugf("Rejected unreadable body: %s", problem.detail());
    return problem.toResponse();
  }

  /** Jackson's encoding detection saw UTF-16 or UTF-32 that is not. */
  @ServerExceptionMapper
  public Response encoding(CharConversionException e) {
    String detail = "invalid character encoding: the body must be UTF-8 encoded JSON";
    LOG.debugf("Rejected unreadable body: %s (%s)", detail, e.getMessage());
    return Problem.of(400, MALFORMED_JSON, detail, List.of()).toResponse();
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e, HttpHeaders headers) {
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
  public Response forbidden(ForbiddenException e) {
    return Problem.of(Response.Status.FORBIDDEN, "your role may not use this endpoint")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, ContainerRequestContext request) {
    JsonProcessingException json = cause(e, JsonProcessingException.class);
    if (json != null) {
      return json(json);
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

  // --- Jackson ----------------------------------------------------------------------------------

  /** The problem for a body Jackson could not read: never a 5xx, never Jackson's own text. */
  static Problem jsonProblem(JsonProcessingException e) {
    while (e instanceof JsonMappingException
        && e.getCause() instanceof JsonProcessingException c
        && c != e) {
      e = c;
    }
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      return Problem.of(400, MALFORMED_JSON, limitDetail(message), List.of());
    }
    if (e instanceof StreamReadException) {
      return syntaxProblem(e, message);
    }
    if (e instanceof MismatchedInputException m) {
      return mismatchProblem(m, message);
    }
    String field = e instanceof JsonMappingException m ? jsonPath(m.getPath()) : "body";
    String what = "has a value that cannot be read";
    return Problem.of(
        400, INVALID_REQUEST, field + ": " + what, List.of(new Problem.FieldError(field, what)));
  }

  private static String limitDetail(String message) {
    if (message.startsWith("Document nesting depth")) {
      return "malformed JSON: nested more deeply than the limit of "
          + StrictJsonCustomizer.MAX_NESTING_DEPTH
          + " levels";
    }
    if (message.startsWith("Number value length")) {
      return "malformed JSON: a number is longer than the limit of "
          + StrictJsonCustomizer.MAX_NUMBER_LENGTH
          + " characters";
    }
    if (message.startsWith("String value length") || message.startsWith("Name length")) {
      return "malformed JSON: a string is longer than the parser's limit";
    }
    return "malformed JSON: the document exceeds the parser's limits";
  }

  private static Problem syntaxProblem(JsonProcessingException e, String message) {
    String at = location(e);
    if (message.startsWith("Duplicate field")) {
      String field = parserPath(e);
      Matcher name = QUOTED.matcher(message);
      String shown = field.equals("body") && name.find() ? name.group(1) : field;
      String what = "appears more than once";
      return Problem.of(
          400,
          INVALID_REQUEST,
          "duplicate field '" + shown + "'" + at,
          List.of(new Problem.FieldError(shown, what)));
    }
    Matcher utf8 = UTF8_PROBLEM.matcher(message);
    if (utf8.find()) {
      return Problem.of(
          400,
          MALFORMED_JSON,
          "invalid UTF-8" + at + ": " + lowerFirst(utf8.group(1)) + "; the body must be UTF-8",
          List.of());
    }
    return Problem.of(
        400, MALFORMED_JSON, "malformed JSON" + at + ": " + syntaxWhat(message), List.of());
  }

  /** A short, class-free account of a syntax error. */
  private static String syntaxWhat(String message) {
    if (message.startsWith("Unexpected end-of-input")) {
      return "the body ends before the JSON value is complete";
    }
    Matcher unexpected = UNEXPECTED_CHAR.matcher(message);
    if (unexpected.find()) {
      String c = unexpected.group(1);
      if (c.equals("'")) {
        return "unexpected character ' (JSON strings and field names need double quotes)";
      }
      return "unexpected character "
          + (c.isBlank() || c.charAt(0) < 0x20 ? "(a control character)" : "'" + c + "'");
    }
    if (message.startsWith("Unrecognized token")) {
      Matcher token = QUOTED.matcher(message);
      return token.find()
          ? "unrecognized token '" + token.group(1) + "' (strings need double quotes)"
          : "unrecognized token";
    }
    if (message.startsWith("Illegal unquoted character")) {
      return "a control character inside a string must be escaped";
    }
    if (message.startsWith("Unrecognized character escape")) {
      return "invalid escape sequence in a string";
    }
    if (message.startsWith("Unexpected close marker")) {
      return "a closing bracket does not match its opening one";
    }
    if (message.contains("was expecting double-quote to start field name")) {
      return "field names must be in double quotes";
    }
    if (message.contains("was expecting comma")) {
      return "a comma is missing between values";
    }
    if (message.contains("was expecting a colon")) {
      return "a colon is missing after a field name";
    }
    if (message.contains("Leading zeroes")
        || message.contains("Non-standard token")
        || message.contains("Invalid numeric value")) {
      return "invalid number";
    }
    return "the body is not valid JSON";
  }

  private static Problem mismatchProblem(MismatchedInputException e, String message) {
    if (message.startsWith("Trailing token")) {
      return Problem.of(
          400,
          MALFORMED_JSON,
          "malformed JSON" + location(e) + ": unexpected content after the JSON value",
          List.of());
    }
    if (message.startsWith("No content to map")) {
      return Problem.of(
          400,
          INVALID_REQUEST,
          "body: a JSON body is required",
          List.of(new Problem.FieldError("body", "a JSON body is required")));
    }
    String field = jsonPath(e.getPath());
    Class<?> target = e.getTargetType();
    String got = got(e, message);
    String what;
    if (target != null && target.isEnum()) {
      String value =
          e instanceof InvalidFormatException f && f.getValue() instanceof String s
              ? quote(s)
              : got;
      what = "must be one of " + String.join(", ", enumValues(target)) + ", not " + value;
    } else {
      what = "must be " + expected(target) + (got.isEmpty() ? "" : ", not " + got);
    }
    return Problem.of(
        400, INVALID_REQUEST, field + ": " + what, List.of(new Problem.FieldError(field, what)));
  }

  /** What the client sent where the mismatch happened: "a number", "an array", ... */
  private static String got(MismatchedInputException e, String message) {
    if (e instanceof InvalidFormatException f && f.getValue() != null) {
      Object v = f.getValue();
      if (v instanceof CharSequence) {
        return v.toString().isEmpty() ? "an empty string" : "a string";
      }
      if (v instanceof Number) {
        return "a number";
      }
      if (v instanceof Boolean) {
        return "a boolean";
      }
    }
    Matcher token = TOKEN.matcher(message);
    if (token.find()) {
      for (JsonToken t : JsonToken.values()) {
        if (t.name().equals(token.group(1))) {
          return describe(t);
        }
      }
    }
    Matcher shape = SHAPE.matcher(message);
    if (shape.find()) {
      return switch (shape.group(1)) {
        case "empty String" -> "an empty string";
        case "String" -> "a string";
        case "Integer", "Floating-point", "Number" -> "a number";
        case "Boolean" -> "a boolean";
        case "Array" -> "an array";
        case "Object" -> "an object";
        default -> "";
      };
    }
    if (e.getProcessor() instanceof JsonParser parser && parser.currentToken() != null) {
      return describe(parser.currentToken());
    }
    return "";
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "";
    };
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "a valid value";
    }
    if (CharSequence.class.isAssignableFrom(target)
        || target == char.class
        || target == Character.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    if (Number.class.isAssignableFrom(target)
        || (target.isPrimitive() && target != boolean.class)) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  /** The values an enum accepts in JSON, in declaration order, honouring {@code @JsonProperty}. */
  static List<String> enumValues(Class<?> type) {
    List<String> values = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      String value = name;
      try {
        com.fasterxml.jackson.annotation.JsonProperty property =
            type.getField(name).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
          value = property.value();
        }
      } catch (NoSuchFieldException ignored) {
        // an enum constant is always a public field
      }
      values.add(value);
    }
    return values;
  }

  /** " at line 1, column 12", or nothing when the parser did not say. */
  private static String location(JsonProcessingException e) {
    var where = e.getLocation();
    if (where == null || where.getLineNr() < 1) {
      return "";
    }
    return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  /** Where in the document the parser was, as a field path ({@code author.name}, {@code [2]}). */
  private static String parserPath(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return "body";
    }
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = parser.getParsingContext();
        c != null && !c.inRoot();
        c = c.getParent()) {
      if (c.inArray()) {
        parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.addFirst("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    path = path.startsWith(".") ? path.substring(1) : path;
    return path.isEmpty() ? "body" : path;
  }

  // --- JAX-RS -----------------------------------------------------------------------------------

  /**
   * The detail for a JAX-RS exception. An application's own message ("no queued item with id 7") is
   * kept; the framework's generic ones ("HTTP 404 Not Found", "...did not match the value
   * in @Consumes") are replaced by one that says what to do.
   */
  private static String webDetail(WebApplicationException e, ContainerRequestContext request) {
    String message = e.getMessage();
    Response.StatusType type = e.getResponse().getStatusInfo();
    boolean generic =
        message == null
            || message.startsWith("HTTP " + type.getStatusCode() + " ")
            || FRAMEWORK_MESSAGES.contains(message);
    if (!generic) {
      return message;
    }
    String method = request.getMethod();
    String path = shorten("/" + request.getUriInfo().getPath().replaceFirst("^/", ""));
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

  /** Jackson's reference path as {@code author.name} or {@code [3].content}; "body" at the root. */
  static String jsonPath(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
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
