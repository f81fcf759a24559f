package com.commentshield.models;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A stored model version: the serialized model and everything that describes it. */
@Entity
@Table(name = "model_version")
public class ModelVersion extends PanacheEntityBase {

  @Id public Integer version;

  @Column(nullable = false, length = 30)
  public String algorithm;

  /** The training parameters, as JSON. */
  @Column(nullable = false, length = 4000)
  public String parameters;

  /** Evaluation metrics on the held-out part, as JSON. */
  @Column(length = 200_000)
  public String metrics;

  /** Examples per source and label, as JSON. */
  @Column(name = "data_summary", nullable = false, length = 4000)
  public String dataSummary;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(nullable = false)
  public boolean active;

  @Column(name = "activated_at")
  public OffsetDateTime activatedAt;

  /** Why the version is or is not active (the quality gate's verdict, a forced activation...). */
  @Column(length = 2000)
  public String note;

  /** The newest labeled example of the site the model learned from; null for none. */
  @Column(name = "examples_up_to")
  public Long examplesUpTo;

  /** The serialized model (gzip of Java serialization, read back with a class filter). */
  @Column(nullable = false)
  public byte[] artifact;

  public static Optional<Integer> activeVersion() {
    return find("select version from ModelVersion where active = true")
        .project(Integer.class)
        .firstResultOptional();
  }

  public static int nextVersion() {
    Integer max =
        find("select max(version) from ModelVersion").project(Integer.class).firstResult();
    return max == null ? 1 : max + 1;
  }
}
