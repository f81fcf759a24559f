package com.commentshield.memory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One entry of the allow or deny list. */
@Entity
@Table(name = "list_entry")
public class ListEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** {@code allow} or {@code deny}. */
  @Column(name = "list_name", nullable = false, length = 10)
  public String list;

  /** {@code domain}, {@code email}, {@code ip} or {@code author}. */
  @Column(nullable = false, length = 10)
  public String kind;

  /** The value in its canonical form (lower case; an IP range as CIDR). */
  @Column(name = "entry_value", nullable = false, length = 320)
  public String value;

  @Column(length = 500)
  public String note;

  @Column(name = "created_by", nullable = false, length = 100)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
