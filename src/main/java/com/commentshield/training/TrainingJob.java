package com.commentshield.training;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A retraining job and its outcome. */
@Entity
@Table(name = "training_job")
public class TrainingJob extends PanacheEntityBase {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, length = 20)
  public String state;

  @Column(nullable = false, length = 30)
  public String algorithm;

  @Column(name = "requested_by", nullable = false, length = 100)
  public String requestedBy;

  @Column(name = "requested_at", nullable = false)
  public OffsetDateTime requestedAt;

  @Column(name = "finished_at")
  public OffsetDateTime finishedAt;

  @Column(nullable = false)
  public long processed;

  @Column(nullable = false)
  public long total;

  @Column(name = "model_version")
  public Integer modelVersion;

  @Column(nullable = false)
  public boolean activated;

  @Column(length = 2000)
  public String message;

  /** 1 while the job runs, null after: a unique index lets one job run at a time everywhere. */
  @Column(name = "running_slot")
  public Integer runningSlot;

  /** The instance running the job. */
  @Column(length = 100)
  public String runner;

  /** Renewed by the runner while the job runs; a stale one means its instance died. */
  @Column(name = "heartbeat_at")
  public OffsetDateTime heartbeatAt;

  /** The newest labeled example the job saw: the next automatic retraining counts from here. */
  @Column(name = "examples_up_to")
  public Long examplesUpTo;
}
