package com.commentshield.akismet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AkismetFormTest {

  private static AkismetForm parse(String body, String contentType) {
    return AkismetForm.parse(body.getBytes(StandardCharsets.ISO_8859_1), contentType, null);
  }

  @Test
  void decodesPercentEscapesAndPlusSignsAsUtf8ByDefault() {
    AkismetForm form = parse("comment_content=Gr%C3%BC%C3%9Fe+aus+K%C3%B6ln&blog=x", null);
    assertEquals(Optional.of("Grüße aus Köln"), form.get("comment_content"));
  }

  @Test
  void readsTheCharsetTheContentTypeNames() {
    AkismetForm form =
        parse("comment_content=K%F6ln", "application/x-www-form-urlencoded; charset=ISO-8859-1");
    assertEquals(Optional.of("Köln"), form.get("comment_content"));
  }

  @Test
  void fallsBackToTheCharsetInBlogCharset() {
    AkismetForm form = parse("comment_content=K%F6ln&blog_charset=ISO-8859-1", "charset=bogus");
    assertEquals(Optional.of("Köln"), form.get("comment_content"));
  }

  @Test
  void aStrayPercentSignStaysAsItIs() {
    assertEquals(Optional.of("100% sure %zz"), parse("c=100%25+sure+%zz", null).get("c"));
  }

  @Test
  void blankValuesCountAsAbsentAndBodyFieldsBeatQueryFields() {
    AkismetForm form =
        AkismetForm.parse(
            "key=body-key&blog=+".getBytes(StandardCharsets.US_ASCII),
            null,
            "key=query-key&from=all");
    assertEquals(Optional.of("body-key"), form.get("key"));
    assertEquals(Optional.empty(), form.get("blog"));
    assertEquals(Optional.of("all"), form.get("from"));
  }

  @Test
  void phpArrayFieldsAreCollected() {
    AkismetForm form = parse("comment_context%5B%5D=cooking&comment_context%5B%5D=bread", null);
    assertEquals(List.of("cooking", "bread"), form.all("comment_context"));
  }

  @Test
  void flagsAcceptAkismetsSpellingsOfTrue() {
    assertTrue(parse("is_test=1", null).flag("is_test"));
    assertTrue(parse("is_test=true", null).flag("is_test"));
    assertFalse(parse("is_test=0", null).flag("is_test"));
    assertFalse(parse("", null).flag("is_test"));
  }
}
