package com.commentshield.coral;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.comment.CommentType;
import com.commentshield.common.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coral's {@code ExternalModerationRequest} (server/src/core/server/services/comments/pipeline/
 * phases/external.ts): {@code action}, {@code comment.body}, {@code comment.parentID}, {@code
 * author.id}, {@code author.role}, {@code story.id}, {@code story.url}, {@code site.id}, {@code
 * tenantID}, {@code tenantDomain}; installs from before 2021 send {@code tenant: {id, domain}}
 * instead of the last two. Only {@code comment.body} is required; the others must be strings (or
 * null) when present.
 *
 * @param action NEW or EDIT
 * @param body the comment, as plain text or Coral's sanitised HTML (the phase's format)
 * @param parentId the comment it answers, null for a top-level comment
 * @param authorId Coral's user id
 * @param authorRole Coral's user role
 * @param storyUrl the story's URL
 * @param siteId Coral's site id
 * @param tenantId Coral's tenant id
 * @param tenantDomain the tenant's domain
 */
record CoralRequest(
    String action,
    String body,
    String parentId,
    String authorId,
    String authorRole,
    String storyUrl,
    String siteId,
    String tenantId,
    String tenantDomain) {

  /** The queue's limits: longer values are cut, as the Akismet door does, rather than refused. */
  static final int MAX_CONTENT = 10_000;

  private static final int MAX_SITE = 200;
  private static final int MAX_PERMALINK = 2000;
  private static final int MAX_AUTHOR = 200;

  /** A request that is not Coral's shape: 400 naming the field. */
  static final class Invalid extends RuntimeException {
    final transient Problem problem;

    Invalid(String field, String message) {
      super(field + ": " + message);
      this.problem =
          Problem.of(
              400,
              "Invalid request",
              field + ": " + message,
              List.of(new Problem.FieldError(field, message)));
    }
  }

  static CoralRequest of(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new Invalid("body", "must be Coral's moderation request, a JSON object");
    }
    JsonNode comment = object(root, "comment", true);
    JsonNode body = comment.get("body");
    if (body == null || !body.isTextual()) {
      throw new Invalid("comment.body", "is required and must be a string");
    }
    JsonNode author = object(root, "author", false);
    JsonNode story = object(root, "story", false);
    JsonNode site = object(root, "site", false);
    JsonNode tenant = object(root, "tenant", false);
    String tenantId = text(root, "tenantID", "tenantID");
    String tenantDomain = text(root, "tenantDomain", "tenantDomain");
    return new CoralRequest(
        text(root, "action", "action"),
        body.asText(),
        text(comment, "parentID", "comment.parentID"),
        text(author, "id", "author.id"),
        text(author, "role", "author.role"),
        text(story, "url", "story.url"),
        text(site, "id", "site.id"),
        tenantId != null ? tenantId : text(tenant, "id", "tenant.id"),
        tenantDomain != null ? tenantDomain : text(tenant, "domain", "tenant.domain"));
  }

  /** The comment as every stage sees it. */
  Comment toComment() {
    CommentContext context =
        new CommentContext(
            cut(site(), MAX_SITE),
            cut(storyUrl, MAX_PERMALINK),
            null,
            null,
            parentId == null ? CommentType.COMMENT : CommentType.REPLY);
    // Coral sends no name or e-mail: its user id is the author's stable, pseudonymous name.
    Author author = authorId == null ? null : new Author(cut(authorId, MAX_AUTHOR), null, null);
    return new Comment(cut(text(), MAX_CONTENT), author, context);
  }

  /** The site a comment is filed under: the story's host name, else the tenant's domain. */
  String site() {
    if (storyUrl != null) {
      try {
        String host = URI.create(storyUrl.strip()).getHost();
        if (host != null && !host.isEmpty()) {
          return host.toLowerCase(Locale.ROOT);
        }
      } catch (IllegalArgumentException notAUrl) {
        // fall back to the tenant
      }
    }
    return tenantDomain;
  }

  private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!][^>]*>");
  private static final Pattern LINK =
      Pattern.compile("<a\\s[^>]*href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a\\s*>", Pattern.DOTALL);
  private static final Pattern BREAK =
      Pattern.compile("<\\s*(br|/p|/div|/blockquote|/li)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");

  /**
   * The comment's text. A phase set to the HTML format sends Coral's sanitised HTML: the tags go, a
   * link keeps its target beside its text (the target is what spam is about), entities are decoded.
   * Plain text, the recommended format, passes as it is.
   */
  String text() {
    if (!TAG.matcher(body).find()) {
      return body;
    }
    Matcher links = LINK.matcher(body);
    StringBuilder out = new StringBuilder();
    while (links.find()) {
      String target = links.group(1);
      String label = links.group(2);
      String replacement = label.contains(target) ? label : label + " " + target;
      links.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    links.appendTail(out);
    String text = BREAK.matcher(out).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    Matcher entities = ENTITY.matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (entities.find()) {
      entities.appendReplacement(decoded, Matcher.quoteReplacement(decode(entities.group(1))));
    }
    entities.appendTail(decoded);
    return decoded.toString().strip();
  }

  private static String decode(String entity) {
    return switch (entity) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      default -> {
        int codePoint =
            entity.startsWith("#x") || entity.startsWith("#X")
                ? Integer.parseInt(entity.substring(2), 16)
                : Integer.parseInt(entity.substring(1));
        boolean usable =
            codePoint > 0
                && Character.isValidCodePoint(codePoint)
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
        yield usable ? new String(Character.toChars(codePoint)) : "\uFFFD";
      }
    };
  }

  private static JsonNode object(JsonNode parent, String name, boolean required) {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw new Invalid(name, "is required and must be an object");
      }
      return null;
    }
    if (!node.isObject()) {
      throw new Invalid(name, "must be an object");
    }
    return node;
  }

  private static String text(JsonNode parent, String name, String field) {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new Invalid(field, "must be a string");
    }
    return node.asText();
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
