package com.commentshield.admin;

import com.commentshield.classify.ActiveModel;
import com.commentshield.classify.ModelRegistry;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.moderation.VerdictGiven;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * When enabled, a committed verdict updates the active naive Bayes model at once (Smile's online
 * {@code update}), so the next similar comment is scored with it. Only this instance's model in
 * memory learns; the next full retraining, which reads every verdict, supersedes it.
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

  void onVerdict(@Observes(during = TransactionPhase.AFTER_SUCCESS) VerdictGiven verdict) {
    if (!config.onlineLearning().enabled()) {
      return;
    }
    Optional<ActiveModel> active = registry.current();
    if (active.isEmpty() || !active.get().model().supportsOnlineLearning()) {
      LOG.debug("Online learning skipped: the active model cannot learn one example at a time");
      return;
    }
    ActiveModel model = active.get();
    model.model().learn(model.featurizer().featurize(verdict.comment()), verdict.spam());
  }
}
