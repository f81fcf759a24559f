package com.commentshield.coral;

import com.commentshield.classify.ClassificationService;
import com.commentshield.classify.ClassifyResponse;
import com.commentshield.comment.Comment;
import com.commentshield.common.ClientRateLimit;
import com.commentshield.common.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Coral Talk's external moderation phase: a signed request for each new or edited comment that no
 * earlier phase decided, answered with what Coral should do with it. The signature is checked over
 * the raw bytes before anything is parsed; a request that is not signed by a stored secret is a 401
 * and nothing is classified. A signed one is classified as {@code /classify} would (same model,
 * policy, memory and queue), as the client its secret names.
 *
 * <p>Answers, in the shape Coral's phase validates (Joi schema in external.ts):
 *
 * <ul>
 *   <li>review: {@code {"status":"SYSTEM_WITHHELD","actions":[{"actionType":"FLAG",
 *       "reason":"COMMENT_DETECTED_SPAM"}]}}, what Coral's own spam phase does: the comment waits
 *       in Coral's pending queue, flagged as spam;
 *   <li>block: {@code REJECTED} with the same flag and a {@code moderationAction} whose rejection
 *       reason is {@code SPAM} (what Coral's DSA-era versions want; older ones drop the key);
 *   <li>allow: 204, no opinion, so Coral's later phases (pre-moderation settings) still apply.
 * </ul>
 *
 * A status always goes with the flag: one version of Coral drops flags returned as {@code actions}.
 */
@ApplicationScoped
public class CoralDoor {

  private static final Logger LOG = Logger.getLogger(CoralDoor.class);

  static final String SIGNATURE_HEADER = "X-Coral-Signature";

  /** Coral's system flag for spam, as its own spam phase sets it. */
  record Flag(String actionType, String reason) {}

  /** The answer for review: held in Coral's pending queue, flagged. */
  record Withheld(String status, List<Flag> actions) {}

  /** The answer for block. */
  record Rejected(String status, List<Flag> actions, ModerationAction moderationAction) {}

  /** Coral's moderation action with a rejection reason (Coral 8 and later, for the DSA). */
  record ModerationAction(String status, RejectionReason rejectionReason) {}

  /** Why: one of Coral's REJECTION_REASON_CODEs and a sentence for the moderator. */
  record RejectionReason(String code, String detailedExplanation) {}

  private static final Flag SPAM_FLAG = new Flag("FLAG", "COMMENT_DETECTED_SPAM");

  private static final Withheld WITHHELD = new Withheld("SYSTEM_WITHHELD", List.of(SPAM_FLAG));

  private static final Rejected REJECTED =
      new Rejected(
          "REJECTED",
          List.of(SPAM_FLAG),
          new ModerationAction(
              "REJECTED", new RejectionReason("SPAM", "Classified as spam by CommentShield")));

  private final CoralSecrets secrets;
  private final ClassificationService classification;
  private final ClientRateLimit rateLimit;
  private final ObjectMapper json;

  public CoralDoor(
      CoralSecrets secrets,
      ClassificationService classification,
      ClientRateLimit rateLimit,
      ObjectMapper json) {
    this.secrets = secrets;
    this.classification = classification;
    this.rateLimit = rateLimit;
    this.json = json;
  }

  /**
   * Answers one request of Coral's phase.
   *
   * @throws IOException when a signed body is not JSON (answered 400 by the common mapping)
   */
  Response moderate(byte[] body, String signature) throws IOException {
    String client = secrets.clientOf(body == null ? new byte[0] : body, signature).orElse(null);
    if (client == null) {
      return unsigned(signature);
    }
    // The same per-client limit as every other door, counted under the secret's client label.
    Response limited = rateLimit.limitClient(client);
    if (limited != null) {
      return limited;
    }
    CoralRequest request;
    try {
      request = CoralRequest.of(parse(body));
    } catch (CoralRequest.Invalid e) {
      return e.problem.toResponse();
    }
    Comment comment = request.toComment();
    if (comment.content().isBlank()) {
      return Response.noContent().build();
    }
    ClassifyResponse answer =
        classification.classify(new ClassificationService.Submission(comment, null), client);
    return answer(answer);
  }

  private JsonNode parse(byte[] body) throws IOException {
    if (body == null || body.length == 0) {
      throw new CoralRequest.Invalid("body", "must be Coral's moderation request, a JSON object");
    }
    return json.readTree(body);
  }

  private static Response answer(ClassifyResponse answer) {
    Response.ResponseBuilder response =
        switch (answer.decision()) {
          case ALLOW -> Response.noContent();
          case REVIEW -> Response.ok(WITHHELD).type(MediaType.APPLICATION_JSON_TYPE);
          case BLOCK -> Response.ok(REJECTED).type(MediaType.APPLICATION_JSON_TYPE);
        };
    response.header("X-CommentShield-Decision", answer.decision().id());
    if (answer.id() != null) {
      response.header("X-CommentShield-Id", answer.id());
    }
    return response.build();
  }

  private Response unsigned(String signature) {
    String detail;
    if (!secrets.anyConfigured()) {
      detail =
          "no Coral signing secret is stored: an admin adds the phase's secret at"
              + " /admin/coral/secrets";
    } else if (signature == null || signature.isBlank()) {
      detail = "the request has no " + SIGNATURE_HEADER + " header";
    } else {
      detail = SIGNATURE_HEADER + " matches no stored signing secret";
    }
    LOG.debugf("Refused a Coral request: %s", detail);
    return Response.fromResponse(Problem.of(401, "Unauthorized", detail, List.of()).toResponse())
        .header("WWW-Authenticate", "CoralSignature header=\"" + SIGNATURE_HEADER + "\"")
        .build();
  }
}
