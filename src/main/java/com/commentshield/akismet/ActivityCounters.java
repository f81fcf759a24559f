package com.commentshield.akismet;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Counts, per API key, site and month, what the Akismet door answered and what clients reported
 * back. A count is never worth failing a comment check for: a counter that cannot be written is
 * logged and dropped.
 */
@ApplicationScoped
public class ActivityCounters {

  private static final Logger LOG = Logger.getLogger(ActivityCounters.class);

  /** What happened, named by the entity field it counts in. */
  enum Outcome {
    SPAM("spam"),
    HAM("ham"),
    MISSED_SPAM("missedSpam"),
    FALSE_POSITIVE("falsePositives");

    final String field;

    Outcome(String field) {
      this.field = field;
    }
  }

  /** Sums over some months. */
  record Totals(long spam, long ham, long missedSpam, long falsePositives) {
    long calls() {
      return spam + ham;
    }
  }

  /** One site's counts in one month. */
  record SiteCounts(String site, long spam, long ham, long missedSpam, long falsePositives) {
    long calls() {
      return spam + ham;
    }
  }

  private final EntityManager em;
  private final Clock clock;

  public ActivityCounters(EntityManager em) {
    this.em = em;
    this.clock = Clock.systemUTC();
  }

  String currentMonth() {
    return YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
  }

  YearMonth thisMonth() {
    return YearMonth.now(clock.withZone(ZoneOffset.UTC));
  }

  /**
   * Adds one to a counter in a transaction of its own. Two first counts of a month racing each
   * other insert the same row; the loser's insert fails on the unique key and its retry finds the
   * row to update.
   */
  void record(String client, String site, Outcome outcome) {
    String month = currentMonth();
    String where = site == null ? "" : site;
    for (int attempt = 1; ; attempt++) {
      try {
        QuarkusTransaction.requiringNew().run(() -> increment(client, where, month, outcome));
        return;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          LOG.warnf("Could not count an Akismet %s for %s: %s", outcome, client, e.getMessage());
          return;
        }
      }
    }
  }

  private void increment(String client, String site, String month, Outcome outcome) {
    int updated =
        em.createQuery(
                "update AkismetActivity set "
                    + outcome.field
                    + " = "
                    + outcome.field
                    + " + 1 where client = :client and site = :site and month = :month")
            .setParameter("client", client)
            .setParameter("site", site)
            .setParameter("month", month)
            .executeUpdate();
    if (updated == 0) {
      AkismetActivity row = new AkismetActivity();
      row.client = client;
      row.site = site;
      row.month = month;
      switch (outcome) {
        case SPAM -> row.spam = 1;
        case HAM -> row.ham = 1;
        case MISSED_SPAM -> row.missedSpam = 1;
        case FALSE_POSITIVE -> row.falsePositives = 1;
      }
      row.persist();
      em.flush();
    }
  }

  /** The client's counts from {@code fromMonth} (inclusive, {@code YYYY-MM}) on; all when null. */
  Totals totals(String client, String fromMonth) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Object[] sums =
                  (Object[])
                      em.createQuery(
                              "select coalesce(sum(spam), 0), coalesce(sum(ham), 0),"
                                  + " coalesce(sum(missedSpam), 0), coalesce(sum(falsePositives),"
                                  + " 0) from AkismetActivity where client = :client and month >="
                                  + " :from")
                          .setParameter("client", client)
                          .setParameter("from", fromMonth == null ? "" : fromMonth)
                          .getSingleResult();
              return new Totals(
                  ((Number) sums[0]).longValue(),
                  ((Number) sums[1]).longValue(),
                  ((Number) sums[2]).longValue(),
                  ((Number) sums[3]).longValue());
            });
  }

  /**
   * The sites that used the client's key in {@code month}, optionally those whose name contains
   * {@code filter}, ordered by {@code order} (total, spam, ham, missed_spam, false_positives), most
   * first.
   */
  List<SiteCounts> sites(String client, String month, String filter, String order) {
    String sort =
        switch (order == null ? "total" : order.toLowerCase(Locale.ROOT)) {
          case "spam" -> "a.spam desc";
          case "ham" -> "a.ham desc";
          case "missed_spam" -> "a.missedSpam desc";
          case "false_positives" -> "a.falsePositives desc";
          default -> "(a.spam + a.ham) desc";
        };
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em
                    .createQuery(
                        "select a from AkismetActivity a where a.client = :client and a.month ="
                            + " :month and lower(a.site) like :filter order by "
                            + sort
                            + ", a.site",
                        AkismetActivity.class)
                    .setParameter("client", client)
                    .setParameter("month", month)
                    .setParameter("filter", "%" + likeEscaped(filter) + "%")
                    .getResultList()
                    .stream()
                    .map(a -> new SiteCounts(a.site, a.spam, a.ham, a.missedSpam, a.falsePositives))
                    .toList());
  }

  private static String likeEscaped(String filter) {
    if (filter == null) {
      return "";
    }
    // no escape clause is portable across H2 and PostgreSQL's defaults, so wildcards are dropped
    return filter.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "");
  }
}
