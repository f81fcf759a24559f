package com.commentshield.models;

import com.commentshield.common.CommentShieldConfig;
import com.commentshield.examples.ExampleLabeled;
import com.commentshield.text.FeatureVector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * When enabled, every committed labeled example (a verdict, a client's report, an imported row)
 * updates the active naive Bayes model at once (Smile's online {@code update}), so the next similar
 * comment is scored with it. Only this instance's model in memory learns; the next full retraining,
 * which reads every example, supersedes it.
 */
@ApplicationScoped
public class OnlineLearning {

  private static final Logger LOG = Logger.getLogger(OnlineLearning.class);

  private final ModelRegistry registry;
  private final CommentShieldConfig config;

  public OnlineLearning(ModelRegistry registry, CommentShieldConfig config) {
    this.registry = registry;
    this.config = config;
  }

  void onLabeled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExampleLabeled labeled) {
    if (!config.onlineLearning().enabled()) {
      return;
    }
    Optional<ActiveModel> active = registry.current();
    if (active.isEmpty() || !active.get().model().supportsOnlineLearning()) {
      LOG.debug("Online learning skipped: the active model cannot learn one example at a time");
      return;
    }
    ActiveModel model = active.get();
    List<FeatureVector> vectors =
        labeled.examples().stream().map(e -> model.featurizer().featurize(e.comment())).toList();
    boolean[] spam = new boolean[vectors.size()];
    for (int i = 0; i < spam.length; i++) {
      spam[i] = labeled.examples().get(i).spam();
    }
    model.model().learn(vectors, spam);
  }
}
