package com.commentshield.policy;

import com.commentshield.model.ModelMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * The decision policy: stored in the database so it survives restarts and reaches every instance
 * (each adopts a changed policy within one sync period).
 */
@ApplicationScoped
public class PolicyService {

  /** The policy in force, and the target it was derived from if any. */
  public record PolicyView(double review, double block, Double targetFalsePositiveRate) {}

  private static final Logger LOG = Logger.getLogger(PolicyService.class);

  private final PolicyHolder holder;
  private volatile boolean stopping;

  public PolicyService(PolicyHolder holder) {
    this.holder = holder;
  }

  /** The stored policy is in force before the first comment is classified. */
  void onStart(@Observes StartupEvent event) {
    sync();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "{commentshield.sync.every}",
      delayed = "{commentshield.sync.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sync() {
    if (stopping) {
      return;
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warn("Could not check the database for a changed decision policy", e);
      }
    }
  }

  public PolicyView current() {
    DecisionPolicy p = holder.current();
    PolicyRecord stored = storedOrNull();
    Double target =
        stored != null && stored.blockThreshold == p.block()
            ? stored.targetFalsePositiveRate
            : null;
    return new PolicyView(p.review(), p.block(), target);
  }

  /** Adopts the stored policy, if an admin ever set one; otherwise configuration stays. */
  public void refresh() {
    PolicyRecord stored = storedOrNull();
    if (stored != null) {
      DecisionPolicy p = new DecisionPolicy(stored.reviewThreshold, stored.blockThreshold);
      if (!p.equals(holder.current())) {
        holder.replace(p);
      }
    }
  }

  @Transactional
  PolicyRecord storedOrNull() {
    return PolicyRecord.findById(PolicyRecord.SINGLETON_ID);
  }

  /** Sets both thresholds. */
  public PolicyView set(double review, double block, String by) {
    return store(new DecisionPolicy(review, block), null, by);
  }

  /**
   * Sets the block threshold so that at most {@code targetRate} of the ham the active model was
   * evaluated on ({@code activeMetrics}) would be blocked; the review threshold stays unless it
   * would exceed the new block one.
   */
  public PolicyView setForFalsePositiveRate(
      double targetRate, ModelMetrics activeMetrics, String by) {
    double block = activeMetrics.blockThresholdFor(targetRate);
    double review = Math.min(holder.current().review(), block);
    return store(new DecisionPolicy(review, block), targetRate, by);
  }

  /**
   * Writes the policy row and puts the policy in force. The first write inserts the row; when
   * another instance inserted it at the same moment the insert fails, and the second attempt
   * updates the row that is now there.
   */
  synchronized PolicyView store(DecisionPolicy policy, Double target, String by) {
    try {
      return QuarkusTransaction.requiringNew().call(() -> write(policy, target, by));
    } catch (RuntimeException insertRace) {
      return QuarkusTransaction.requiringNew().call(() -> write(policy, target, by));
    }
  }

  private PolicyView write(DecisionPolicy policy, Double target, String by) {
    PolicyRecord record = PolicyRecord.findById(PolicyRecord.SINGLETON_ID);
    if (record == null) {
      record = new PolicyRecord();
      record.id = PolicyRecord.SINGLETON_ID;
    }
    record.reviewThreshold = policy.review();
    record.blockThreshold = policy.block();
    record.targetFalsePositiveRate = target;
    record.updatedBy = by;
    record.updatedAt = OffsetDateTime.now();
    record.persist();
    holder.replace(policy);
    return new PolicyView(policy.review(), policy.block(), target);
  }
}
