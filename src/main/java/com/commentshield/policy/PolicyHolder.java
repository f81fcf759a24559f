package com.commentshield.policy;

import com.commentshield.common.CommentShieldConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/** The decision policy in force; starts from configuration and can be replaced at run time. */
@ApplicationScoped
public class PolicyHolder {

  private final AtomicReference<DecisionPolicy> policy;

  public PolicyHolder(CommentShieldConfig config) {
    this.policy =
        new AtomicReference<>(
            new DecisionPolicy(config.policy().review(), config.policy().block()));
  }

  public DecisionPolicy current() {
    return policy.get();
  }

  public void replace(DecisionPolicy newPolicy) {
    policy.set(newPolicy);
  }
}
