package com.commentshield.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored client API key: only its SHA-256 hash, never the key. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "key_hash", nullable = false, unique = true, length = 64)
  public String keyHash;

  @Column(nullable = false, length = 100)
  public String label;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  /** When the key was last presented, to the minute; null when never. */
  @Column(name = "last_used_at")
  public OffsetDateTime lastUsedAt;
}
