package com.commentshield.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A comment that /classify sent to review or block, waiting for or carrying a verdict. */
@Entity
@Table(name = "flagged_item")
public class FlaggedItem extends PanacheEntityBase {

  public static final String PENDING = "pending";
  public static final String RESOLVED = "resolved";

  /**
   * From {@code flagged_item_seq} in blocks of {@value QueueIds#BLOCK}: the queue writer takes ids
   * ahead of its batched insert from the same sequence (see {@link QueueIds}).
   */
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "flagged_item_seq")
  @SequenceGenerator(
      name = "flagged_item_seq",
      sequenceName = "flagged_item_seq",
      allocationSize = QueueIds.BLOCK)
  public Long id;

  @Column(name = "received_at", nullable = false)
  public OffsetDateTime receivedAt;

  /** The API client that sent it. */
  @Column(length = 100)
  public String client;

  @Column(length = 200)
  public String site;

  @Column(name = "external_id", length = 200)
  public String externalId;

  @Column(length = 2000)
  public String permalink;

  @Column(name = "comment_type", length = 20)
  public String commentType;

  @Column(nullable = false, length = 10_000)
  public String content;

  @Column(name = "author_name", length = 200)
  public String authorName;

  @Column(name = "author_email", length = 320)
  public String authorEmail;

  @Column(name = "author_url", length = 2000)
  public String authorUrl;

  @Column(length = 64)
  public String ip;

  @Column(name = "user_agent", length = 1000)
  public String userAgent;

  /** Null when no model could answer. */
  @Column(name = "spam_probability")
  public Double spamProbability;

  @Column(nullable = false, length = 10)
  public String decision;

  @Column(name = "model_version")
  public Integer modelVersion;

  /** The reasons of the decision, as JSON. */
  @Column(length = 4000)
  public String reasons;

  @Column(nullable = false, length = 10)
  public String status;

  @Column(length = 10)
  public String verdict;

  @Column(name = "decided_by", length = 100)
  public String decidedBy;

  @Column(name = "decided_at")
  public OffsetDateTime decidedAt;

  @Column(length = 2000)
  public String note;

  @Column(name = "personal_data_erased", nullable = false)
  public boolean personalDataErased;

  /**
   * Given when the item is submitted to the queue writer and kept through the spool: a write
   * repeated after a commit whose answer was lost (or after a crash between commit and spool
   * clean-up) finds the row by this key instead of inserting it twice.
   */
  @Column(name = "submission_key", length = 36)
  public String submissionKey;
}
