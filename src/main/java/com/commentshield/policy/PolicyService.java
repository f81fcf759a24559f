package com.commentshield.policy;

import com.commentshield.common.ClientProblem;
import com.commentshield.model.ModelMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Locale;
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
   * evaluated on ({@code activeMetrics}) would be blocked, rounded up to three decimals (rounding
   * up blocks no more). Applied only when that ham can measure the rate: at least {@code 1 /
   * targetRate} comments, so that one blocked ham comment is within the target. The block threshold
   * never goes below the review threshold, which stays as it is.
   *
   * @throws ClientProblem (400) when the evaluated ham is too few for the rate
   */
  public PolicyView setForFalsePositiveRate(
      double targetRate, ModelMetrics activeMetrics, String by) {
    long ham = activeMetrics.evaluatedHam();
    long needed = hamNeededFor(targetRate);
    if (ham < needed) {
      throw ClientProblem.invalid(
          String.format(
              Locale.ROOT,
              "targetFalsePositiveRate %s needs at least %d held-out ham comments to be measured;"
                  + " the active model was evaluated on %d. Label more ham, or ask for a rate of"
                  + " at least %s",
              BigDecimal.valueOf(targetRate).stripTrailingZeros().toPlainString(),
              needed,
              ham,
              ham == 0
                  ? "1"
                  : BigDecimal.valueOf(1.0 / ham)
                      .round(new MathContext(2, RoundingMode.UP))
                      .stripTrailingZeros()
                      .toPlainString()));
    }
    double review = holder.current().review();
    double block = Math.max(review, roundedUp(activeMetrics.blockThresholdFor(targetRate)));
    return store(new DecisionPolicy(review, block), targetRate, by);
  }

  /** The ham comments a false-positive rate needs to be measured: one in 1 / rate. */
  static long hamNeededFor(double targetRate) {
    return (long) Math.ceil(1 / targetRate - 1e-9);
  }

  /** Up to the next thousandth, at most 1: a threshold people can read that blocks no more. */
  static double roundedUp(double threshold) {
    return Math.min(1.0, Math.ceil(threshold * 1000 - 1e-9) / 1000);
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
