package com.commentshield.common;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Optional;

/**
 * Queries written with the JPA Criteria API, for the database work the service does while it starts
 * (the start-up observers, the model's loading, the first start's model version). Hibernate turns a
 * Criteria query into SQL directly; a query written as a string (HQL, as Panache's {@code
 * find("...")}, {@code update("...")}, {@code count()} and {@code listAll()} write them) goes
 * through Hibernate's ANTLR parser, whose first use in a process cost ~0.2 s of the start's main
 * thread and 0.6-0.9 s of C2 compile time on the parser before the service was ready. Later queries
 * may use HQL: the parser then starts when the service is already serving.
 */
public final class CriteriaQueries {

  private CriteriaQueries() {}

  /** Every row of {@code entity}, in no particular order. */
  public static <T> List<T> all(Class<T> entity) {
    EntityManager em = Panache.getEntityManager();
    CriteriaQuery<T> query = em.getCriteriaBuilder().createQuery(entity);
    query.select(query.from(entity));
    return em.createQuery(query).getResultList();
  }

  /** Every row of {@code entity}, ordered by {@code attribute}, lowest first. */
  public static <T> List<T> allOrderedBy(Class<T> entity, String attribute) {
    EntityManager em = Panache.getEntityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<T> query = cb.createQuery(entity);
    Root<T> row = query.from(entity);
    query.select(row).orderBy(cb.asc(row.get(attribute)));
    return em.createQuery(query).getResultList();
  }

  /** One row of {@code entity} whose {@code attribute} equals {@code value}, if there is one. */
  public static <T> Optional<T> first(Class<T> entity, String attribute, Object value) {
    EntityManager em = Panache.getEntityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<T> query = cb.createQuery(entity);
    Root<T> row = query.from(entity);
    query.select(row).where(cb.equal(row.get(attribute), value));
    return em.createQuery(query).setMaxResults(1).getResultList().stream().findFirst();
  }

  /** How many rows {@code entity} has. */
  public static long count(Class<?> entity) {
    EntityManager em = Panache.getEntityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Long> query = cb.createQuery(Long.class);
    query.select(cb.count(query.from(entity)));
    return em.createQuery(query).getSingleResult();
  }

  /** The entity manager of the current transaction, for a Criteria query written in place. */
  public static EntityManager entityManager() {
    return Panache.getEntityManager();
  }
}
