package com.commentshield.training;

import com.commentshield.common.ClientProblem;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.common.CriteriaQueries;
import com.commentshield.examples.LabeledExamples;
import com.commentshield.examples.LabeledExamples.Numbered;
import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.DefaultTrainingData;
import com.commentshield.model.Evaluation;
import com.commentshield.model.LabeledText;
import com.commentshield.model.ModelMetrics;
import com.commentshield.model.ModelParameters;
import com.commentshield.model.TrainingPipeline;
import com.commentshield.models.ActiveModel;
import com.commentshield.models.ModelActivation;
import com.commentshield.models.ModelRegistry;
import com.commentshield.models.ModelStore;
import com.commentshield.text.FeatureSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Retraining: one job at a time across all instances, in the background, started by an admin or by
 * itself after {@code retrain.after-labels} new labels. A job trains on the shipped examples and
 * the site's labels (weighted {@code retrain.site-weight}), and the quality gate compares the new
 * model with the active one where it matters: on the most recent labels neither has learned from
 * (log-loss), and on the shipped held-out comments as a floor (MCC, within {@code
 * retrain.floor-margin}). A model that passes is trained once more with the recent labels too and
 * put in service; one that fails is stored inactive, unless an admin forced it.
 */
@ApplicationScoped
public class RetrainService {

  private static final Logger LOG = Logger.getLogger(RetrainService.class);

  /** Thrown when a job is requested while another one runs. */
  public static final class JobRunning extends ClientProblem {
    public final long runningJob;

    JobRunning(long runningJob) {
      super(
          409,
          "retraining job " + runningJob + " is still running; try again when it has finished");
      this.runningJob = runningJob;
    }
  }

  /** A job's state for the API, with live progress while it runs. */
  public record JobView(
      long id,
      String state,
      String algorithm,
      String requestedBy,
      OffsetDateTime requestedAt,
      OffsetDateTime finishedAt,
      long processed,
      long total,
      Integer modelVersion,
      boolean activated,
      String message,
      ModelMetrics metrics) {}

  private record Running(long id, AtomicLong processed, AtomicLong total) {}

  /** A job whose heartbeat is older than this belongs to an instance that died. */
  static final Duration DEAD_AFTER = Duration.ofSeconds(30);

  /** Recent labels the gate compares on, at least: fewer say nothing, and only the floor counts. */
  static final int FEWEST_RECENT = 10;

  /** Recent labels the gate compares on, at most. */
  static final int MOST_RECENT = 500;

  private final ModelRegistry registry;
  private final ModelStore store;
  private final ModelActivation activation;
  private final LabeledExamples examples;
  private final CommentShieldConfig config;
  private final String instance;
  private volatile boolean stopping;
  private final AtomicReference<Running> running = new AtomicReference<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "retrain");
            t.setDaemon(true);
            return t;
          });

  public RetrainService(
      ModelRegistry registry,
      ModelStore store,
      ModelActivation activation,
      LabeledExamples examples,
      CommentShieldConfig config) {
    this.registry = registry;
    this.store = store;
    this.activation = activation;
    this.examples = examples;
    this.config = config;
    this.instance = instanceId(config);
  }

  /**
   * This instance's name for the jobs it runs, kept in the data directory: after a crash, the
   * restarted instance knows which running jobs were its own.
   */
  private static String instanceId(CommentShieldConfig config) {
    Path file = Path.of(config.dataDir()).toAbsolutePath().resolve("instance-id");
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!id.isEmpty()) {
          return id;
        }
      }
      Files.createDirectories(file.getParent());
      String id = UUID.randomUUID().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the instance id in " + file, e);
    }
  }

  /** A job left running by a process that died is failed before any new one can start. */
  void onStart(@Observes StartupEvent event) {
    failInterruptedJobs();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    worker.shutdownNow();
  }

  /**
   * Every sync period: renews the heartbeat of this instance's running job, fails jobs of instances
   * that died, and starts a retraining once enough new labels arrived.
   */
  @Scheduled(
      every = "{commentshield.sync.every}",
      delayed = "{commentshield.sync.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (stopping) {
      return;
    }
    try {
      Running mine = running.get();
      if (mine != null) {
        heartbeat(mine.id());
        return;
      }
      failDeadJobs();
      int after = config.retrain().afterLabels();
      if (after > 0 && newLabels() >= after) {
        start(RetrainRequest.DEFAULTS, "automatic");
      }
    } catch (JobRunning e) {
      // another instance started one first
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warnf("Automatic retraining check failed (will retry): %s", e.getMessage());
      }
    }
  }

  /** Labels that arrived after the newest the active model or the last job learned from. */
  long newLabels() {
    long from =
        Math.max(
            store.activeExamplesUpTo(),
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        TrainingJob.<TrainingJob>find("examplesUpTo is not null order by id desc")
                            .firstResultOptional()
                            .map(j -> j.examplesUpTo)
                            .orElse(0L)));
    return examples.countAfter(from);
  }

  private void heartbeat(long id) {
    QuarkusTransaction.requiringNew()
        .run(() -> TrainingJob.update("heartbeatAt = ?1 where id = ?2", OffsetDateTime.now(), id));
  }

  /**
   * "update TrainingJob set state = failed, message, finishedAt = now, runningSlot = null where
   * state = running and {@code which}", as a Criteria update: it runs while the service starts
   * (CriteriaQueries).
   */
  private static void failRunning(
      String message, BiFunction<CriteriaBuilder, Root<TrainingJob>, Predicate> which) {
    EntityManager em = CriteriaQueries.entityManager();
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaUpdate<TrainingJob> update = cb.createCriteriaUpdate(TrainingJob.class);
    Root<TrainingJob> job = update.from(TrainingJob.class);
    update
        .set(job.<String>get("state"), TrainingJob.FAILED)
        .set(job.<String>get("message"), message)
        .set(job.<OffsetDateTime>get("finishedAt"), OffsetDateTime.now())
        .set(job.<Integer>get("runningSlot"), cb.nullLiteral(Integer.class))
        .where(cb.equal(job.get("state"), TrainingJob.RUNNING), which.apply(cb, job));
    em.createQuery(update).executeUpdate();
  }

  /** Jobs whose runner stopped renewing their heartbeat cannot finish: mark them failed. */
  void failDeadJobs() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                failRunning(
                    "interrupted: the instance running it stopped",
                    (cb, job) ->
                        cb.or(
                            cb.isNull(job.get("heartbeatAt")),
                            cb.lessThan(
                                job.<OffsetDateTime>get("heartbeatAt"),
                                OffsetDateTime.now().minus(DEAD_AFTER)))));
  }

  /** Starts a job and returns it; throws {@link JobRunning} when one is already running. */
  public JobView start(RetrainRequest request, String requestedBy) {
    ModelParameters parameters = parametersFor(request);
    boolean force = Boolean.TRUE.equals(request.force());
    Running job =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Optional<TrainingJob> other =
                      TrainingJob.<TrainingJob>find("state", TrainingJob.RUNNING)
                          .firstResultOptional();
                  if (other.isPresent()) {
                    throw new JobRunning(other.get().id);
                  }
                  TrainingJob row = new TrainingJob();
                  row.state = TrainingJob.RUNNING;
                  row.algorithm = parameters.algorithm().id();
                  row.requestedBy = requestedBy;
                  row.requestedAt = OffsetDateTime.now();
                  row.runningSlot = 1;
                  row.runner = instance;
                  row.heartbeatAt = row.requestedAt;
                  try {
                    row.persist();
                    TrainingJob.getEntityManager().flush();
                  } catch (PersistenceException e) {
                    // the unique running slot: another instance started a job at the same moment
                    throw new JobRunning(0);
                  }
                  return new Running(row.id, new AtomicLong(), new AtomicLong());
                });
    if (!running.compareAndSet(null, job)) {
      fail(job.id(), "another job started at the same moment");
      throw new JobRunning(running.get().id());
    }
    worker.submit(() -> run(job, parameters, force));
    return view(job.id());
  }

  public Optional<JobView> find(long id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> TrainingJob.<TrainingJob>findByIdOptional(id).map(this::viewOf));
  }

  public List<JobView> recent() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                TrainingJob.<TrainingJob>find("order by id desc").page(0, 20).list().stream()
                    .map(this::viewOf)
                    .toList());
  }

  /**
   * Jobs this instance left running when it died cannot finish: mark them failed (and those of any
   * instance whose heartbeat stopped).
   */
  public void failInterruptedJobs() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                failRunning(
                    "interrupted: the service stopped while it was training",
                    (cb, job) ->
                        cb.or(
                            cb.equal(job.get("runner"), instance), cb.isNull(job.get("runner")))));
    failDeadJobs();
  }

  private void run(Running job, ModelParameters parameters, boolean force) {
    try {
      List<LabeledText> shipped = DefaultTrainingData.load();
      List<Numbered> site = examples.numberedAfter(0);
      long upTo = site.isEmpty() ? 0 : site.get(site.size() - 1).id();
      long activeUpTo = store.activeExamplesUpTo();
      List<LabeledText> recent = recent(site, activeUpTo);
      List<LabeledText> learned =
          site.subList(0, site.size() - recent.size()).stream().map(Numbered::example).toList();
      double weight = config.retrain().siteWeight();
      int folds = parameters.calibrationFolds() >= 2 ? parameters.calibrationFolds() : 0;
      long perTraining = (long) (shipped.size() + site.size() * Math.max(1, Math.round(weight)));
      long trainings = recent.isEmpty() ? 1 : 2;
      job.total().set(perTraining * (folds >= 2 ? folds + 1 : 2) * trainings);
      TrainingPipeline.Result candidate =
          TrainingPipeline.run(
              shipped, learned, weight, parameters, done -> job.processed().set(done));

      Gate gate = gate(candidate, recent, force);
      TrainingPipeline.Result stored = candidate;
      if (gate.activate() && !recent.isEmpty()) {
        // passed on labels it did not learn: now it learns them too before it goes into service
        long before = job.processed().get();
        List<LabeledText> all = site.stream().map(Numbered::example).toList();
        stored =
            TrainingPipeline.run(
                shipped, all, weight, parameters, done -> job.processed().set(before + done));
      }
      job.processed().set(job.total().get());
      int version = activation.store(stored, gate.activate(), gate.reason());
      store.recordExamplesUpTo(version, upTo);
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                TrainingJob row = TrainingJob.findById(job.id());
                row.state = TrainingJob.SUCCEEDED;
                row.finishedAt = OffsetDateTime.now();
                row.processed = job.processed().get();
                row.total = job.total().get();
                row.modelVersion = version;
                row.activated = gate.activate();
                row.message = clip(gate.reason());
                row.runningSlot = null;
                row.examplesUpTo = upTo;
              });
      LOG.infof("Retraining job %d stored version %d: %s", job.id(), version, gate.reason());
    } catch (RuntimeException | Error e) {
      LOG.error("Retraining job " + job.id() + " failed", e);
      fail(
          job.id(),
          "training failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } finally {
      running.set(null);
    }
  }

  /**
   * The newest site labels the active model did not learn from, which the candidate will not learn
   * from either: half of those that arrived since the active model was trained (at most {@value
   * #MOST_RECENT}), none when fewer than {@value #FEWEST_RECENT} would remain.
   */
  static List<LabeledText> recent(List<Numbered> site, long activeUpTo) {
    int unseen = (int) site.stream().filter(n -> n.id() > activeUpTo).count();
    int count = Math.min(MOST_RECENT, unseen / 2);
    if (count < FEWEST_RECENT) {
      return List.of();
    }
    return site.subList(site.size() - count, site.size()).stream().map(Numbered::example).toList();
  }

  private record Gate(boolean activate, String reason) {}

  /**
   * Compares the candidate with the active model on the recent labels neither learned from
   * (log-loss: lower is better) and, as a floor, on the shipped held-out comments (MCC at 0.5).
   */
  private Gate gate(TrainingPipeline.Result result, List<LabeledText> recent, boolean force) {
    double candidateFloor = result.evaluation().at(0.5).mcc();
    Optional<ActiveModel> active = registry.current();
    if (active.isEmpty()) {
      return new Gate(
          true,
          String.format(Locale.ROOT, "activated: no model was active (MCC %.4f)", candidateFloor));
    }
    double activeFloor = Evaluation.of(active.get().model(), result.heldOut()).at(0.5).mcc();
    boolean floorHolds = candidateFloor >= activeFloor - config.retrain().floorMargin();
    String floor =
        String.format(
            Locale.ROOT,
            "MCC %.4f against %.4f of version %s on %d shipped held-out comments",
            candidateFloor,
            activeFloor,
            active.get().version(),
            result.heldOut().size());
    boolean recentHolds = true;
    String onRecent = "too few recent labels for the recent comparison";
    if (!recent.isEmpty()) {
      Evaluation candidateRecent = Evaluation.of(result.model(), recent);
      Evaluation activeRecent = Evaluation.of(active.get().model(), recent);
      double c = candidateRecent.logLoss();
      double a = activeRecent.logLoss();
      recentHolds = c <= a + config.retrain().gateMargin();
      onRecent =
          String.format(
              Locale.ROOT,
              "recent labels log-loss %.4f against %.4f (MCC %.4f against %.4f) on the %d newest"
                  + " labels neither learned from",
              c,
              a,
              candidateRecent.at(0.5).mcc(),
              activeRecent.at(0.5).mcc(),
              recent.size());
    }
    String comparison = onRecent + "; " + floor;
    if (recentHolds && floorHolds) {
      return new Gate(true, "activated: " + comparison);
    }
    if (force) {
      return new Gate(true, "activated by force although worse: " + comparison);
    }
    return new Gate(
        false,
        String.format(
            Locale.ROOT,
            "kept inactive by the quality gate (%s): %s",
            !recentHolds ? "worse on the recent labels" : "below the floor on the shipped held-out",
            comparison));
  }

  private static String clip(String message) {
    return message.length() > 2000 ? message.substring(0, 2000) : message;
  }

  private ModelParameters parametersFor(RetrainRequest request) {
    Algorithm algorithm =
        request.algorithm() == null
            ? Algorithm.fromId(config.model().algorithm())
            : Algorithm.fromId(request.algorithm());
    ModelParameters d = DefaultModel.parameters(algorithm);
    FeatureSettings features =
        request.hashBits() == null
            ? d.features()
            : new FeatureSettings(
                request.hashBits(),
                d.features().charMin(),
                d.features().charMax(),
                d.features().wordBigrams());
    return new ModelParameters(
        algorithm,
        features,
        request.complement() == null ? d.complementNaiveBayes() : request.complement(),
        request.smoothing() == null ? d.smoothing() : request.smoothing(),
        d.presenceOnly(),
        request.lambda() == null ? d.lambda() : request.lambda(),
        d.maxIterations(),
        d.calibrationFolds());
  }

  private void fail(long id, String message) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              TrainingJob row = TrainingJob.findById(id);
              if (row != null) {
                row.runningSlot = null;
                row.state = TrainingJob.FAILED;
                row.finishedAt = OffsetDateTime.now();
                row.message = message.length() > 2000 ? message.substring(0, 2000) : message;
              }
            });
  }

  private JobView view(long id) {
    return find(id).orElseThrow();
  }

  private JobView viewOf(TrainingJob row) {
    Running live = running.get();
    boolean isLive = live != null && live.id() == row.id && TrainingJob.RUNNING.equals(row.state);
    ModelMetrics metrics = null;
    if (row.modelVersion != null) {
      ModelMetrics stored = store.summary(row.modelVersion).metrics();
      metrics = stored == null ? null : stored.headline();
    }
    return new JobView(
        row.id,
        row.state,
        row.algorithm,
        row.requestedBy,
        row.requestedAt,
        row.finishedAt,
        isLive ? live.processed().get() : row.processed,
        isLive ? live.total().get() : row.total,
        row.modelVersion,
        row.activated,
        row.message,
        metrics);
  }
}
