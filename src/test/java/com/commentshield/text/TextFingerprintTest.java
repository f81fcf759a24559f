package com.commentshield.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextFingerprintTest {

  private static final String SPAM =
      "Earn $500 a day from home with our simple plan, visit http://cash-plan.example/start now";

  @Test
  void theSameTextUnderDifferentCaseAndSpacingIsTheSameFingerprint() {
    TextFingerprint a = TextFingerprint.of(SPAM, 30);
    TextFingerprint b = TextFingerprint.of("  " + SPAM.toUpperCase().replace(" ", "   ") + " ", 30);
    assertEquals(a.exact(), b.exact());
    assertEquals(1.0, a.similarity(b));
  }

  @Test
  void aFewChangedWordsOrALinkPathStayAboveTheNearCopyThreshold() {
    TextFingerprint a = TextFingerprint.of(SPAM, 30);
    TextFingerprint words =
        TextFingerprint.of(SPAM.replace("simple", "easy").replace("now", "today"), 30);
    TextFingerprint path = TextFingerprint.of(SPAM.replace("/start", "/go?ref=8812"), 30);
    assertNotEquals(a.exact(), words.exact());
    assertTrue(a.similarity(words) >= 0.45, "words: " + a.similarity(words));
    assertTrue(a.similarity(path) >= 0.45, "path: " + a.similarity(path));
  }

  @Test
  void differentCommentsOnTheSameTopicAreFarApart() {
    TextFingerprint a =
        TextFingerprint.of(
            "I loved this tutorial, the part about pandas groupby helped me a lot", 30);
    TextFingerprint b =
        TextFingerprint.of(
            "Thanks for the tutorial! Could you also cover merging data frames?", 30);
    assertTrue(a.similarity(b) < 0.2, "similarity " + a.similarity(b));
  }

  @Test
  void shortTextsAreMatchedOnlyExactly() {
    TextFingerprint shortOne = TextFingerprint.of("nice video", 30);
    assertNull(shortOne.slots());
    assertEquals(0.0, shortOne.similarity(TextFingerprint.of("nice videos", 30)));
  }

  @Test
  void nearCopiesShareALookUpBand() {
    TextFingerprint a = TextFingerprint.of(SPAM, 30);
    TextFingerprint b = TextFingerprint.of(SPAM.replace("simple", "easy"), 30);
    boolean shared = false;
    for (int band = 0; band < TextFingerprint.BANDS; band++) {
      shared |= a.bandKey(band) == b.bandKey(band);
    }
    assertTrue(shared);
  }
}
