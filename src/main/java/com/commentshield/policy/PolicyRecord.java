package com.commentshield.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The decision policy set by an admin, shared by all instances (one row, id 1). */
@Entity
@Table(name = "decision_policy")
public class PolicyRecord extends PanacheEntityBase {

  public static final int SINGLETON_ID = 1;

  @Id public Integer id;

  @Column(name = "review_threshold", nullable = false)
  public double reviewThreshold;

  @Column(name = "block_threshold", nullable = false)
  public double blockThreshold;

  /** The false-positive rate the block threshold was computed for, if it was. */
  @Column(name = "target_fpr")
  public Double targetFalsePositiveRate;

  @Column(name = "updated_by", nullable = false, length = 100)
  public String updatedBy;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
