package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The site's labels are always learned, never held out, and weigh by the configured weight. */
class SiteWeightTest {

  private static final String PROBE = "a quorvane widget offer for you";

  private static double probabilityAfter(double weight, List<LabeledText> shipped) {
    List<LabeledText> site = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      site.add(LabeledText.of(true, "quorvane widget offer number " + i, "moderator"));
    }
    TrainingPipeline.Result r =
        TrainingPipeline.run(
            shipped, site, weight, DefaultModel.parameters(Algorithm.LOGISTIC), done -> {});
    assertTrue(
        r.heldOut().stream().noneMatch(e -> "moderator".equals(e.source())),
        "a site label was held out");
    Featurizer f = new Featurizer(r.model().parameters().features());
    return r.model().spamProbability(f.featurize(com.commentshield.comment.Comment.of(PROBE)));
  }

  @Test
  void aHeavierSiteWeightMovesTheModelFurther() {
    List<LabeledText> shipped = DefaultTrainingData.load();
    double once = probabilityAfter(1, shipped);
    double thrice = probabilityAfter(3, shipped);
    assertTrue(thrice > once, "weight 3 gave " + thrice + ", weight 1 gave " + once);
  }
}
