package com.commentshield.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A moderator or admin account of the embedded user store. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

  @Id
  @Column(length = 100)
  public String username;

  @Column(name = "password_hash", nullable = false, length = 200)
  public String passwordHash;

  /** Comma-separated roles. */
  @Column(nullable = false, length = 200)
  public String roles;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
