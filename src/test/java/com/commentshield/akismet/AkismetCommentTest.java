package com.commentshield.akismet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.classify.ClassificationService;
import com.commentshield.classify.ClassifyRequest;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AkismetCommentTest {

  private static AkismetComment comment(String body) {
    return AkismetComment.from(
        AkismetForm.parse(body.getBytes(StandardCharsets.UTF_8), null, null));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01 12:30:00, 2024-03-01T12:30:00Z",
    "2024-03-01T12:30:00Z, 2024-03-01T12:30:00Z",
    "2024-03-01T14:30:00+02:00, 2024-03-01T12:30:00Z",
    "2024-03-01T12:30:00, 2024-03-01T12:30:00Z",
    "2024-03-01T12:30:00.250Z, 2024-03-01T12:30:00.250Z"
  })
  void datesInIso8601AndMysqlFormAreRead(String sent, String instant) {
    assertEquals(Optional.of(Instant.parse(instant)), AkismetComment.parseDate(sent));
  }

  @Test
  void anUnreadableDateIsIgnoredAsAkismetIgnoresIt() {
    AkismetComment c = comment("comment_date_gmt=yesterday&comment_content=hi");
    assertEquals(Optional.empty(), c.commentDate());
    assertEquals("hi", c.content());
  }

  @Test
  void everyDocumentedFieldIsRead() {
    AkismetComment c =
        comment(
            "blog=https://Blog.Example/home&user_ip=203.0.113.9&user_agent=UA&referrer=https://r.example"
                + "&permalink=https://blog.example/p/1&comment_type=forum-post&comment_author=Ann"
                + "&comment_author_email=ann@mail.example&comment_author_url=https://ann.example"
                + "&comment_content=Hello&comment_date_gmt=2024-01-02+03:04:05"
                + "&comment_post_modified_gmt=2024-01-01T00:00:00Z&comment_parent=7&blog_lang=en_us"
                + "&blog_charset=UTF-8&user_role=subscriber&is_test=1&recheck_reason=edit"
                + "&comment_context[]=a&comment_context[]=b&guid=g-1&POST_extra=x&HTTP_ACCEPT=y");
    assertEquals("203.0.113.9", c.userIp());
    assertEquals("https://r.example", c.referrer());
    assertEquals(CommentType.FORUM_POST, c.type());
    assertEquals("7", c.parent());
    assertEquals("en_us", c.blogLang());
    assertTrue(c.test());
    assertEquals("edit", c.recheckReason());
    assertEquals(2, c.context().size());
    assertEquals("g-1", c.guid());
    assertEquals(Optional.of(Instant.parse("2024-01-02T03:04:05Z")), c.commentDate());
    assertEquals(Optional.of(Instant.parse("2024-01-01T00:00:00Z")), c.postModified());

    ClassificationService.Submission request = c.toSubmission("guid-1");
    assertEquals("Hello", request.comment().content());
    assertEquals("Ann", request.comment().author().name());
    assertEquals("blog.example", request.comment().context().site());
    assertEquals("https://blog.example/p/1", request.comment().context().permalink());
    assertEquals("guid-1", request.externalId());
  }

  @Test
  void administratorsAmongSeveralRolesAreRecognised() {
    assertTrue(comment("user_role=editor,administrator").isAdministrator());
    assertFalse(comment("user_role=subscriber").isAdministrator());
  }

  @Test
  void akismetsTestTriggersAreRecognised() {
    assertTrue(comment("comment_author=viagra-test-123").isTestTrigger());
    assertTrue(comment("comment_author_email=akismet-guaranteed-spam@example.com").isTestTrigger());
    assertFalse(comment("comment_author=viagra").isTestTrigger());
  }

  @Test
  void aHoneypotCountsWhenTheFieldItNamesHasAValue() {
    assertTrue(comment("honeypot_field_name=hp&hp=bot").honeypotFilled());
    assertTrue(comment("honeypot_field_name=hp&POST_hp=bot").honeypotFilled());
    assertFalse(comment("honeypot_field_name=hp&hp=").honeypotFilled());
    assertFalse(comment("hp=bot").honeypotFilled());
  }

  @Test
  void overlongValuesAreCutToWhatTheQueueStores() {
    Comment request =
        comment("comment_content=" + "a".repeat(12_000) + "&user_ip=" + "1".repeat(100))
            .toComment();
    assertEquals(ClassifyRequest.MAX_CONTENT, request.content().length());
    assertEquals(64, request.context().ip().length());
  }
}
