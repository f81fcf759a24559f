package com.commentshield.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.commentshield.examples.LabeledExamples.Numbered;
import com.commentshield.model.LabeledText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentLabelsTest {

  private static List<Numbered> labels(int count) {
    List<Numbered> site = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      site.add(new Numbered(i, LabeledText.of(i % 2 == 0, "comment " + i, "moderator")));
    }
    return site;
  }

  @Test
  void theGateComparesOnTheNewestHalfOfWhatTheActiveModelHasNotSeen() {
    List<LabeledText> recent = RetrainService.recent(labels(100), 60);
    assertEquals(20, recent.size());
    assertEquals("comment 81", recent.get(0).comment().content());
    assertEquals("comment 100", recent.get(19).comment().content());
  }

  @Test
  void tooFewUnseenLabelsGiveNoRecentComparison() {
    assertEquals(0, RetrainService.recent(labels(100), 85).size());
    assertEquals(10, RetrainService.recent(labels(20), 0).size());
  }
}
