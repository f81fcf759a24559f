package com.commentshield.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void fullWidthLettersBecomePlainLowerCaseLetters() {
    // Given a comment typed in full-width forms
    String raw = "ＦＲＥＥ ｍｏｎｅｙ";

    // When it is normalised
    TextNormalizer.Result result = TextNormalizer.normalize(raw);

    // Then NFKC and lower-casing give the plain words
    assertEquals("free money", result.text());
  }

  @Test
  void zeroWidthCharactersAndByteOrderMarksAreRemovedAndReported() {
    String raw = "vi\u200Bag\u200Dra\uFEFF now\u2060";

    TextNormalizer.Result result = TextNormalizer.normalize(raw);

    assertEquals("viagra now", result.text());
    assertTrue(result.zeroWidth());
  }

  @Test
  void aByteOrderMarkAtEitherEndHidesNothing() {
    // Given comments as YouTube exports them (a U+FEFF appended), one with a leading mark too
    for (String raw : List.of("Love this song\uFEFF", "\uFEFFLove this song \uFEFF\u200B")) {
      TextNormalizer.Result result = TextNormalizer.normalize(raw);

      // Then the marks are removed, and not reported as hidden characters
      assertEquals("love this song", result.text().strip());
      assertFalse(result.zeroWidth(), raw);
    }
  }

  @Test
  void plainTextReportsNoTricks() {
    TextNormalizer.Result result = TextNormalizer.normalize("I agree with the article.");

    assertEquals("i agree with the article.", result.text());
    assertFalse(result.zeroWidth());
    assertFalse(result.lookAlike());
    assertFalse(result.leetspeak());
    assertFalse(result.spacedLetters());
  }

  @Test
  void cyrillicLookAlikesInsideALatinWordAreFolded() {
    // Given "viagra" and "casino" spelt with Cyrillic і, а, о among Latin letters
    String raw = "buy v\u0456\u0430gra at c\u0430sin\u043E";

    TextNormalizer.Result result = TextNormalizer.normalize(raw);

    assertEquals("buy viagra at casino", result.text());
    assertTrue(result.lookAlike());
  }

  @Test
  void genuineRussianIsLeftAlone() {
    // Given Russian words made only of Cyrillic letters, some of which look Latin (р, о, с, а)
    String raw = "Купить дешево, это просто";

    TextNormalizer.Result result = TextNormalizer.normalize(raw);

    // Then they are only lower-cased, not folded into Latin
    assertEquals("купить дешево, это просто", result.text());
    assertFalse(result.lookAlike());
  }

  @Test
  void leetspeakInsideWordsIsFolded() {
    TextNormalizer.Result result = TextNormalizer.normalize("v1agra fr33 m0ney v1@gra pa$$word");

    assertEquals("viagra free money viagra password", result.text());
    assertTrue(result.leetspeak());
  }

  @Test
  void ordinalsVersionsAndPunctuationAreNotLeetspeak() {
    TextNormalizer.Result result =
        TextNormalizer.normalize("the 4th mp3 on win10 is great! 3rd time");

    assertEquals("the 4th mp3 on win10 is great! 3rd time", result.text());
    assertFalse(result.leetspeak());
  }

  @Test
  void emailAddressesKeepTheirAtSignAndDigits() {
    TextNormalizer.Result result = TextNormalizer.normalize("write to j0hn3@example.org today");

    assertEquals("write to j0hn3@example.org today", result.text());
    assertFalse(result.leetspeak());
  }

  @Test
  void linksAreNotFolded() {
    TextNormalizer.Result result = TextNormalizer.normalize("see http://t0p-1.example.com/a1b");

    assertEquals("see http://t0p-1.example.com/a1b", result.text());
  }

  @Test
  void spacedOutLettersAreJoined() {
    TextNormalizer.Result spaced = TextNormalizer.normalize("cheap c i a l i s here");
    TextNormalizer.Result dotted = TextNormalizer.normalize("get v.i.a.g.r.a now");

    assertEquals("cheap cialis here", spaced.text());
    assertTrue(spaced.spacedLetters());
    assertEquals("get viagra now", dotted.text());
    assertTrue(dotted.spacedLetters());
  }

  @Test
  void singleLettersInOrdinaryProseAreNotJoined() {
    TextNormalizer.Result result = TextNormalizer.normalize("I think a fan would say so");

    assertEquals("i think a fan would say so", result.text());
    assertFalse(result.spacedLetters());
  }

  @Test
  void capitalsAreCountedBeforeLowerCasing() {
    TextNormalizer.Result result = TextNormalizer.normalize("BUY NOW cheap");

    assertEquals("buy now cheap", result.text());
    assertEquals(6, result.upperCaseLetters());
    assertEquals(11, result.letters());
  }

  @Test
  void longRunsOfOneLetterAreShortenedToTwo() {
    TextNormalizer.Result result = TextNormalizer.normalize("soooooo goood!!!!");

    assertEquals("soo good!!!!", result.text());
    assertEquals(6, result.longestRun()); // the six o of "soooooo"
  }

  @Test
  void htmlCharacterReferencesAndLineBreaksAreDecoded() {
    TextNormalizer.Result result =
        TextNormalizer.normalize("you&#39;re &amp; me &lt;3<br />next&#x21; &bogus;");

    assertEquals("you're & me <3 next! &bogus;", result.text());
  }

  @Test
  void cleanedTextKeepsCaseAndLinksButLosesInvisibleCharacters() {
    TextNormalizer.Result result = TextNormalizer.normalize("Visit WWW.Shop.RU\uFEFF");

    assertEquals("Visit WWW.Shop.RU", result.cleaned());
  }
}
