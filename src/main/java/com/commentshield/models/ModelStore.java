package com.commentshield.models;

import com.commentshield.common.ClientProblem;
import com.commentshield.common.CriteriaQueries;
import com.commentshield.model.ModelArtifact;
import com.commentshield.model.ModelMetrics;
import com.commentshield.model.SpamModel;
import com.commentshield.model.TrainingPipeline;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores model versions in the database and reads them back. */
@ApplicationScoped
public class ModelStore {

  /** A model read back from storage. */
  public record Loaded(int version, SpamModel model) {}

  /** A version as admins see it (without the artifact). */
  public record Summary(
      int version,
      String algorithm,
      Map<String, Object> parameters,
      ModelMetrics metrics,
      Map<String, Integer> dataSummary,
      OffsetDateTime createdAt,
      boolean active,
      OffsetDateTime activatedAt,
      String note) {}

  private final ObjectMapper json;

  public ModelStore(ObjectMapper json) {
    this.json = json;
  }

  @Transactional
  public Optional<Loaded> loadActive() {
    // Criteria, not HQL: read while the service starts (CriteriaQueries)
    return CriteriaQueries.first(ModelVersion.class, "active", true)
        .map(v -> new Loaded(v.version, ModelArtifact.fromBytes(v.artifact)));
  }

  @Transactional
  public Optional<Integer> activeVersion() {
    return ModelVersion.activeVersion();
  }

  @Transactional
  public Loaded load(int version) {
    ModelVersion v = ModelVersion.findById(version);
    if (v == null) {
      throw ClientProblem.notFound("no model version " + version);
    }
    return new Loaded(v.version, ModelArtifact.fromBytes(v.artifact));
  }

  /** Stores a trained model; when {@code active}, it replaces the active version. */
  @Transactional
  public int save(TrainingPipeline.Result result, boolean active, String note) {
    return save(result, ModelArtifact.toBytes(result.model()), active, note);
  }

  /**
   * Stores a trained model whose stored form ({@link ModelArtifact#toBytes}) is at hand already;
   * when {@code active}, it replaces the active version.
   */
  @Transactional
  public int save(TrainingPipeline.Result result, byte[] artifact, boolean active, String note) {
    return save(ModelVersion.nextVersion(), result, artifact, active, note);
  }

  private int save(
      int version, TrainingPipeline.Result result, byte[] artifact, boolean active, String note) {
    ModelVersion v = new ModelVersion();
    v.version = version;
    v.algorithm = result.model().algorithm().id();
    v.parameters = write(result.model().parameters().describe());
    v.metrics = write(metricsOf(result));
    v.dataSummary = write(result.dataSummary());
    v.createdAt = OffsetDateTime.now();
    v.note = note;
    v.artifact = artifact;
    if (active) {
      deactivateAll();
      v.active = true;
      v.activatedAt = v.createdAt;
    }
    v.persist();
    return v.version;
  }

  /**
   * Stores the default model as the active version 1 unless some version is stored already, and
   * says whether it did. Instances starting together on an empty database race here: the one that
   * loses sees the winner's version or fails on its key (version 1), never stores a second (before,
   * it took the next free number, and under load that could be 2).
   */
  @Transactional
  public boolean saveFirst(TrainingPipeline.Result result, byte[] artifact, String note) {
    if (CriteriaQueries.count(ModelVersion.class) > 0) {
      return false;
    }
    // Version 1 by name, not the next free number: an instance that counted before the winner
    // committed but looks for the next number after would otherwise store version 2.
    save(1, result, artifact, true, note);
    return true;
  }

  /**
   * Marks no version active: "update ModelVersion set active = false where active = true", as a
   * Criteria update, since a first start stores its default model this way (CriteriaQueries).
   */
  private static void deactivateAll() {
    EntityManager em = CriteriaQueries.entityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaUpdate<ModelVersion> update = cb.createCriteriaUpdate(ModelVersion.class);
    Root<ModelVersion> row = update.from(ModelVersion.class);
    update.set(row.<Boolean>get("active"), false).where(cb.isTrue(row.get("active")));
    em.createQuery(update).executeUpdate();
  }

  /** Makes {@code version} the active one (a rollback or a promotion) and returns it. */
  @Transactional
  public Loaded activate(int version, String note) {
    ModelVersion v = ModelVersion.findById(version);
    if (v == null) {
      throw ClientProblem.notFound("no model version " + version);
    }
    SpamModel model = ModelArtifact.fromBytes(v.artifact);
    ModelVersion.update("active = false where active = true and version <> ?1", version);
    v.active = true;
    v.activatedAt = OffsetDateTime.now();
    v.note = note;
    return new Loaded(version, model);
  }

  /** Records the newest site label a stored version learned from. */
  @Transactional
  public void recordExamplesUpTo(int version, long examplesUpTo) {
    ModelVersion row = ModelVersion.findById(version);
    if (row != null) {
      row.examplesUpTo = examplesUpTo;
    }
  }

  /** The newest site label the active version learned from; 0 when it learned none. */
  @Transactional
  public long activeExamplesUpTo() {
    return ModelVersion.<ModelVersion>find("active", true)
        .firstResultOptional()
        .map(v -> v.examplesUpTo == null ? 0L : v.examplesUpTo)
        .orElse(0L);
  }

  @Transactional
  public List<Summary> list() {
    return ModelVersion.<ModelVersion>find("order by version desc").list().stream()
        .map(this::summaryOf)
        .toList();
  }

  @Transactional
  public Summary summary(int version) {
    ModelVersion v = ModelVersion.findById(version);
    if (v == null) {
      throw ClientProblem.notFound("no model version " + version);
    }
    return summaryOf(v);
  }

  /** The active version's summary, if there is one. */
  @Transactional
  public Optional<Summary> activeSummary() {
    return ModelVersion.<ModelVersion>find("active", true)
        .firstResultOptional()
        .map(this::summaryOf);
  }

  private Summary summaryOf(ModelVersion v) {
    return new Summary(
        v.version,
        v.algorithm,
        read(v.parameters, new TypeReference<>() {}),
        v.metrics == null ? null : read(v.metrics, new TypeReference<ModelMetrics>() {}),
        read(v.dataSummary, new TypeReference<>() {}),
        v.createdAt,
        v.active,
        v.activatedAt,
        v.note);
  }

  /** The held-out metrics stored with a version. */
  static ModelMetrics metricsOf(TrainingPipeline.Result result) {
    return ModelMetrics.of(result.evaluation())
        .withTraining(result.examples(), result.duplicatesRemoved(), result.trainMillis());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model metadata is plain data", e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored model metadata is not JSON", e);
    }
  }
}
