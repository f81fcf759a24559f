package com.commentshield.admin;

import com.commentshield.common.ApiKeyStore;
import com.commentshield.common.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Issues client API keys. The default length is 12 characters, the length of an Akismet key,
 * because the WordPress plugin refuses keys of any other length; a key works on {@code /classify}
 * and the Akismet and Perspective doors alike.
 */
@Path("/admin/api-keys")
@Tag(name = "admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

  /** An Akismet API key's length. */
  static final int AKISMET_KEY_LENGTH = 12;

  /**
   * What to issue; both fields are optional.
   *
   * @param label names the client in the queue and in feedback; keys with the same label act as one
   *     client (for rotating a key)
   * @param length characters of the key, 12 (the default, as Akismet's) to 64
   */
  public record IssueKeyRequest(
      @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
          @Pattern(
              regexp = "[\\p{L}\\p{N}._:@-][\\p{L}\\p{N} ._:@-]*",
              message = "may hold letters, digits, spaces and . _ : @ -")
          String label,
      @Min(value = AKISMET_KEY_LENGTH, message = "must be at least 12")
          @Max(value = 64, message = "must be at most 64")
          Integer length) {}

  /**
   * The issued key, shown this once: only its hash is stored.
   *
   * @param key the API key
   * @param label the client it names
   * @param length its length
   */
  public record IssuedKey(String key, String label, int length) {}

  private final ApiKeyStore keys;
  private final ObjectMapper json;
  private final Validator validator;

  public ApiKeysResource(ApiKeyStore keys, ObjectMapper json, Validator validator) {
    this.keys = keys;
    this.json = json;
    this.validator = validator;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary =
          "Issue a client API key (body optional: label, length 12..64, default 12 as Akismet's);"
              + " the key is returned this once")
  public Response issue(String body) throws IOException {
    IssueKeyRequest request =
        body == null || body.isBlank()
            ? new IssueKeyRequest(null, null)
            : json.readValue(body, IssueKeyRequest.class);
    Set<ConstraintViolation<IssueKeyRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    String label =
        request.label() != null
            ? request.label().strip()
            // a random tail: two keys issued in the same second must not become one client
            : "issued-"
                + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                + "-"
                + Tokens.random(4);
    int length = request.length() != null ? request.length() : AKISMET_KEY_LENGTH;
    String key = keys.issue(label, length);
    return Response.status(Response.Status.CREATED)
        .entity(new IssuedKey(key, label, length))
        .header("Cache-Control", "no-store")
        .build();
  }
}
