package com.commentshield.perspective;

import com.commentshield.classify.ClassificationService;
import com.commentshield.classify.ClassifyRequest;
import com.commentshield.classify.ClassifyResponse;
import com.commentshield.comment.Comment;
import com.commentshield.common.ClientKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Perspective API's {@code comments:analyze} on CommentShield's model, for Perspective users
 * (Google shuts it down at the end of 2026) who used its {@code SPAM} attribute. It only scores:
 * nothing is queued or stored, whatever {@code doNotStore} says.
 */
@ApplicationScoped
public class PerspectiveService {

  /** The one attribute this door scores. */
  static final String SPAM = "SPAM";

  /** A refusal in Google's error shape: HTTP status, message, and the RPC status name. */
  public static final class Refusal extends RuntimeException {
    final int code;
    final String status;

    /** Seconds for Retry-After, 0 for none. */
    final long retryAfter;

    Refusal(int code, String status, String message) {
      this(code, status, message, 0);
    }

    Refusal(int code, String status, String message, long retryAfter) {
      super(message, null, false, false);
      this.code = code;
      this.status = status;
      this.retryAfter = retryAfter;
    }

    /** {@code {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}} */
    Map<String, Object> body() {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("message", getMessage());
      error.put("status", status);
      return Map.of("error", error);
    }
  }

  private final ClientKeys clientKeys;
  private final ClassificationService classification;
  private final ObjectMapper json;

  public PerspectiveService(
      ClientKeys clientKeys, ClassificationService classification, ObjectMapper json) {
    this.clientKeys = clientKeys;
    this.classification = classification;
    this.json = json;
  }

  /**
   * Scores the comment of a Perspective request body.
   *
   * @param key the API key from {@code ?key=} or the {@code X-Goog-Api-Key} header
   * @throws Refusal with Google's status and message for a bad key or request
   */
  public Map<String, Object> analyze(String body, String key) {
    if (key == null || key.isBlank()) {
      throw new Refusal(403, "PERMISSION_DENIED", "The request is missing a valid API key.");
    }
    switch (clientKeys.admit(Optional.of(key), "the Perspective door")) {
      case ClientKeys.Admitted admitted -> {}
      case ClientKeys.Refused refused ->
          throw new Refusal(
              400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
      case ClientKeys.TooMany tooMany ->
          throw new Refusal(429, "RESOURCE_EXHAUSTED", tooMany.detail(), tooMany.retryAfter());
    }
    JsonNode request = read(body);
    String text = request.path("comment").path("text").asText("").strip();
    if (text.isEmpty()) {
      throw invalid("comment.text must be a non-empty string.");
    }
    if (text.length() > ClassifyRequest.MAX_CONTENT) {
      throw invalid(
          "comment.text is too long: at most " + ClassifyRequest.MAX_CONTENT + " characters.");
    }
    checkAttributes(request.path("requestedAttributes"));
    ClassifyResponse scored =
        classification.score(new ClassificationService.Submission(Comment.of(text), null));
    if (scored.spamProbability() == null) {
      throw new Refusal(503, "UNAVAILABLE", "No model is loaded yet; try again shortly.");
    }
    return answer(request, text, scored.spamProbability());
  }

  private JsonNode read(String body) {
    if (body == null || body.isBlank()) {
      throw invalid("The request body is empty: send a JSON AnalyzeCommentRequest.");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw invalid("The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw invalid("Invalid JSON payload received.");
    }
  }

  /** Perspective refuses attributes it cannot score; this door scores SPAM only. */
  private static void checkAttributes(JsonNode requested) {
    if (!requested.isObject() || requested.isEmpty()) {
      throw invalid("requestedAttributes must name at least one attribute: SPAM.");
    }
    List<String> unsupported = new ArrayList<>();
    for (Iterator<String> names = requested.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!SPAM.equals(name.toUpperCase(Locale.ROOT))) {
        unsupported.add(name);
      }
    }
    if (!unsupported.isEmpty()) {
      throw invalid(
          "Attribute(s) "
              + String.join(", ", unsupported)
              + " not supported: this service scores SPAM only.");
    }
  }

  private static Map<String, Object> answer(JsonNode request, String text, double probability) {
    Map<String, Object> score = Map.of("value", probability, "type", "PROBABILITY");
    // one span over the whole text: the model scores a comment as a whole
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("begin", 0);
    span.put("end", text.codePointCount(0, text.length()));
    span.put("score", score);
    Map<String, Object> attribute = new LinkedHashMap<>();
    attribute.put("spanScores", List.of(span));
    attribute.put("summaryScore", score);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("attributeScores", Map.of(SPAM, attribute));
    JsonNode languages = request.path("languages");
    if (languages.isArray() && !languages.isEmpty()) {
      List<String> echoed = new ArrayList<>();
      languages.forEach(l -> echoed.add(l.asText()));
      answer.put("languages", echoed);
    }
    if (request.path("clientToken").isTextual()) {
      answer.put("clientToken", request.path("clientToken").asText());
    }
    return answer;
  }

  private static Refusal invalid(String message) {
    return new Refusal(400, "INVALID_ARGUMENT", message);
  }
}
