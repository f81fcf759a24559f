package com.commentshield.akismet;

import com.commentshield.classify.ClassificationService;
import com.commentshield.classify.ClassifyRequest;
import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.comment.CommentType;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A comment as Akismet's comment-check, submit-spam and submit-ham take it. Every documented field
 * is read; {@code POST_*}, {@code HTTP_*}, {@code REMOTE_ADDR} and other server variables that
 * clients add are ignored.
 *
 * @param blog the site's front page URL (required by Akismet)
 * @param userIp the commenter's IP address (required by Akismet)
 * @param userAgent the commenter's browser
 * @param referrer the page the commenter came from
 * @param permalink the page the comment was posted on
 * @param commentType comment, reply, forum-post, contact-form, signup, ... or empty
 * @param author the name the commenter gave
 * @param authorEmail the e-mail address the commenter gave
 * @param authorUrl the web site the commenter gave
 * @param content the comment text; may be empty (pingbacks)
 * @param commentDate when the comment was written ({@code comment_date_gmt})
 * @param postModified when the commented page last changed ({@code comment_post_modified_gmt})
 * @param parent the id of the comment this one replies to
 * @param blogLang the site's languages, e.g. {@code en_us, fr}
 * @param blogCharset the charset of the fields (used when decoding the body)
 * @param userRole the commenter's role on the site; {@code administrator} is never spam
 * @param test {@code is_test}: a test call that must not pollute the queue or the statistics
 * @param recheckReason why a comment is checked again (edit, recheck_queue, ...)
 * @param honeypotFilled whether the field that {@code honeypot_field_name} names has a value
 * @param context {@code comment_context}: tags describing the page
 * @param guid the {@code X-akismet-guid} of an earlier check, sent back with submit-spam/ham
 */
record AkismetComment(
    String blog,
    String userIp,
    String userAgent,
    String referrer,
    String permalink,
    String commentType,
    String author,
    String authorEmail,
    String authorUrl,
    String content,
    Optional<Instant> commentDate,
    Optional<Instant> postModified,
    String parent,
    String blogLang,
    String blogCharset,
    String userRole,
    boolean test,
    String recheckReason,
    boolean honeypotFilled,
    List<String> context,
    String guid) {

  /** Akismet's documented test author name: comment-check always answers {@code true}. */
  static final String TEST_SPAM_AUTHOR = "viagra-test-123";

  /** Akismet's documented test e-mail address: comment-check always answers {@code true}. */
  static final String TEST_SPAM_EMAIL = "akismet-guaranteed-spam@example.com";

  private static final DateTimeFormatter MYSQL_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  static AkismetComment from(AkismetForm form) {
    String honeypotName = form.get("honeypot_field_name").orElse(null);
    boolean honeypotFilled =
        honeypotName != null
            && (form.get(honeypotName).isPresent() || form.get("POST_" + honeypotName).isPresent());
    return new AkismetComment(
        text(form, "blog"),
        text(form, "user_ip"),
        text(form, "user_agent"),
        text(form, "referrer"),
        text(form, "permalink"),
        text(form, "comment_type"),
        text(form, "comment_author"),
        text(form, "comment_author_email"),
        text(form, "comment_author_url"),
        form.get("comment_content").orElse(""),
        form.get("comment_date_gmt").flatMap(AkismetComment::parseDate),
        form.get("comment_post_modified_gmt").flatMap(AkismetComment::parseDate),
        text(form, "comment_parent"),
        text(form, "blog_lang"),
        text(form, "blog_charset"),
        text(form, "user_role"),
        form.flag("is_test"),
        text(form, "recheck_reason"),
        honeypotFilled,
        form.all("comment_context").stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
        text(form, "guid"));
  }

  /**
   * A date as Akismet clients send it: ISO 8601 with or without an offset (UTC when none), or
   * MySQL's {@code YYYY-MM-DD HH:MM:SS} in UTC, as WordPress sends it. Anything else is ignored, as
   * Akismet ignores it.
   */
  static Optional<Instant> parseDate(String value) {
    String v = value.strip();
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      // try the forms without an offset
    }
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException notInstant) {
      // try the forms without an offset
    }
    for (DateTimeFormatter format :
        List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, MYSQL_DATE_TIME)) {
      try {
        return Optional.of(LocalDateTime.parse(v, format).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException tryNext) {
        // next form
      }
    }
    return Optional.empty();
  }

  boolean isAdministrator() {
    return userRole != null
        && List.of(userRole.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("administrator");
  }

  boolean isTestTrigger() {
    return TEST_SPAM_AUTHOR.equalsIgnoreCase(author == null ? "" : author)
        || TEST_SPAM_EMAIL.equalsIgnoreCase(authorEmail == null ? "" : authorEmail);
  }

  /** The site the moderation queue files the comment under: the blog URL's host name. */
  String site() {
    if (blog == null) {
      return null;
    }
    try {
      String host = URI.create(blog).getHost();
      if (host != null) {
        return cut(host.toLowerCase(Locale.ROOT), 200);
      }
    } catch (IllegalArgumentException notAUri) {
      // fall through to the raw value
    }
    return cut(blog, 200);
  }

  /**
   * The comment as {@code /classify} would take it, under the id the queue files it as (the guid
   * this door hands out).
   */
  ClassificationService.Submission toSubmission(String externalId) {
    return new ClassificationService.Submission(toComment(), externalId);
  }

  /**
   * The comment as every door hands it on. Values longer than the queue stores are cut rather than
   * refused: an Akismet client cannot act on a validation error.
   */
  Comment toComment() {
    Author who = Author.ofNullable(cut(author, 200), cut(authorEmail, 320), cut(authorUrl, 2000));
    CommentContext where =
        new CommentContext(
            site(), cut(permalink, 2000), cut(userIp, 64), cut(userAgent, 1000), type());
    // the longest comment the classifier takes; longer ones are cut, as Akismet ignores excess
    return new Comment(cut(content, ClassifyRequest.MAX_CONTENT), who, where);
  }

  /** Akismet's comment types that CommentShield knows; others (pingback, message, ...) are none. */
  CommentType type() {
    if (commentType == null) {
      return null;
    }
    return switch (commentType.toLowerCase(Locale.ROOT)) {
      case "comment" -> CommentType.COMMENT;
      case "reply" -> CommentType.REPLY;
      case "forum-post" -> CommentType.FORUM_POST;
      case "contact-form" -> CommentType.CONTACT_FORM;
      case "signup" -> CommentType.SIGNUP;
      default -> null;
    };
  }

  private static String text(AkismetForm form, String name) {
    return form.get(name).orElse(null);
  }

  private static String cut(String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() <= max) {
      return value;
    }
    // never split a surrogate pair
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }
}
