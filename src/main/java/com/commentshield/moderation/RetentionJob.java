package com.commentshield.moderation;

import com.commentshield.common.CommentShieldConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/** Erases personal data of stored comments once it is older than the retention period. */
@ApplicationScoped
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);

  private final ModerationService moderation;
  private final CommentShieldConfig config;

  public RetentionJob(ModerationService moderation, CommentShieldConfig config) {
    this.moderation = moderation;
    this.config = config;
  }

  @Scheduled(every = "{commentshield.retention.check-every}", delayed = "30s")
  void run() {
    int erased = eraseExpired();
    if (erased > 0) {
      LOG.infof("Erased IP, e-mail and user agent of %d comments past retention", erased);
    }
  }

  /** Erases what is past the configured retention; returns the number of items touched. */
  public int eraseExpired() {
    return moderation.erasePersonalData(
        OffsetDateTime.now().minusDays(config.retention().personalDataDays()));
  }
}
