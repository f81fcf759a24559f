package com.commentshield.coral;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A signing secret of a Coral external moderation phase, as an admin entered it. Kept as it is:
 * checking Coral's HMAC needs the secret itself.
 */
@Entity
@Table(name = "coral_secret")
public class CoralSecret extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, unique = true, length = 200)
  public String secret;

  /** The client that requests signed with this secret act as. */
  @Column(name = "client_label", nullable = false, length = 100)
  public String clientLabel;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "created_by", length = 100)
  public String createdBy;
}
