package com.commentshield.akismet;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What one API key did through the Akismet door for one site in one month: the numbers Akismet's
 * account calls report and the WordPress plugin shows.
 */
@Entity
@Table(name = "akismet_activity")
public class AkismetActivity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The API key's label, as everywhere else in the service. */
  @Column(nullable = false, length = 100)
  public String client;

  /** The blog's host name. */
  @Column(nullable = false, length = 200)
  public String site;

  /** {@code YYYY-MM}, UTC. */
  @Column(name = "activity_month", nullable = false, length = 7)
  public String month;

  /** comment-check answered {@code true}. */
  @Column(nullable = false)
  public long spam;

  /** comment-check answered {@code false}. */
  @Column(nullable = false)
  public long ham;

  /** submit-spam: spam the check let through. */
  @Column(name = "missed_spam", nullable = false)
  public long missedSpam;

  /** submit-ham: comments the check wrongly called spam. */
  @Column(name = "false_positives", nullable = false)
  public long falsePositives;
}
