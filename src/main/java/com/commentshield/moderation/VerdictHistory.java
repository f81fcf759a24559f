package com.commentshield.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** One verdict given on an item; all of them are kept, so changing a verdict leaves a trail. */
@Entity
@Table(name = "verdict_history")
public class VerdictHistory extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "item_id", nullable = false)
  public Long itemId;

  @Column(nullable = false, length = 10)
  public String label;

  @Column(length = 2000)
  public String note;

  @Column(name = "decided_by", nullable = false, length = 100)
  public String decidedBy;

  @Column(name = "decided_at", nullable = false)
  public OffsetDateTime decidedAt;

  public static List<VerdictHistory> ofItem(long itemId) {
    return list("itemId = ?1 order by decidedAt, id", itemId);
  }
}
