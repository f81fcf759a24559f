package com.commentshield.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers: every error is {@code
 * application/problem+json}. Client errors are logged at DEBUG, server errors at ERROR, and no
 * answer names a Java class.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(fieldPath(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
            .orElse("invalid request");
    LOG.debugf("Rejected invalid request: %s", detail);
    return Problem.of(400, "Invalid request", detail, errors).toResponse();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    String field = e instanceof JsonMappingException m ? jsonPath(m.getPath()) : "";
    String detail;
    if (e instanceof JsonParseException) {
      detail = "malformed JSON: " + firstLine(e.getOriginalMessage());
    } else if (e instanceof InvalidFormatException f) {
      detail = "invalid value " + quote(f.getValue()) + (field.isEmpty() ? "" : " for " + field);
    } else if (e instanceof MismatchedInputException) {
      detail =
          (field.isEmpty() ? "the body" : field) + " has the wrong type or shape";
    } else {
      detail = "unreadable JSON: " + firstLine(e.getOriginalMessage());
    }
    LOG.debugf("Rejected unreadable body: %s", detail);
    List<Problem.FieldError> errors =
        field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, detail));
    return Problem.of(400, "Malformed request body", detail, errors).toResponse();
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e) {
    return Response.fromResponse(
            Problem.of(
                    Response.Status.UNAUTHORIZED,
                    "missing or invalid credentials: send a valid X-Api-Key header (clients) or"
                        + " log in (moderators and admins)")
                .toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return Problem.of(Response.Status.FORBIDDEN, "your role may not use this endpoint")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.error("Request failed", e);
      return Problem.of(status, "Server error", "the server could not answer", List.of())
          .toResponse();
    }
    Response.StatusType type = e.getResponse().getStatusInfo();
    String detail = e.getMessage() == null ? type.getReasonPhrase() : e.getMessage();
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
  public Response unexpected(Exception e) {
    LOG.error("Request failed", e);
    return Problem.of(500, "Server error", "the server could not answer", List.of()).toResponse();
  }

  /** Turns a validation path like {@code classifyBatch.requests[3].content} into {@code [3].content}. */
  static String fieldPath(Path path) {
    StringBuilder sb = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        if (node.getKind() == ElementKind.PARAMETER && node.getIndex() != null) {
          sb.append('[').append(node.getIndex()).append(']');
        }
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

  private static String jsonPath(List<JsonMappingException.Reference> path) {
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
    return sb.toString();
  }

  private static String quote(Object value) {
    String s = String.valueOf(value);
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot parse";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
