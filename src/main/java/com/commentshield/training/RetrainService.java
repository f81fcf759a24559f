package com.commentshield.training;

import com.commentshield.common.ClientProblem;
import com.commentshield.common.CommentShieldConfig;
import com.commentshield.examples.LabeledExamples;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Retraining: one job at a time, in the background. A job trains on everything the service has
 * learned, evaluates the new model and the active one on the same held-out comments, stores the new
 * version, and puts it in service only if it is not worse (by more than the configured margin in
 * MCC) or an admin forced it.
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

  private final ModelRegistry registry;
  private final ModelStore store;
  private final ModelActivation activation;
  private final LabeledExamples examples;
  private final CommentShieldConfig config;
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
  }

  /** A job left running by a process that died is failed before any new one can start. */
  void onStart(@Observes StartupEvent event) {
    failInterruptedJobs();
  }

  void onStop(@Observes ShutdownEvent event) {
    worker.shutdownNow();
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
                  row.persist();
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

  /** Jobs left running by a process that died cannot finish: mark them failed. */
  public void failInterruptedJobs() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                TrainingJob.update(
                    "state = ?1, message = ?2, finishedAt = ?3 where state = ?4",
                    TrainingJob.FAILED,
                    "interrupted: the service stopped while it was training",
                    OffsetDateTime.now(),
                    TrainingJob.RUNNING));
  }

  private void run(Running job, ModelParameters parameters, boolean force) {
    try {
      List<LabeledText> examples = new ArrayList<>(DefaultTrainingData.load());
      examples.addAll(this.examples.all());
      int folds = parameters.calibrationFolds() >= 2 ? parameters.calibrationFolds() : 0;
      job.total().set((long) examples.size() * (folds >= 2 ? folds + 1 : 2));
      TrainingPipeline.Result result =
          TrainingPipeline.run(examples, parameters, done -> job.processed().set(done));
      job.processed().set(job.total().get());

      Gate gate = gate(result, force);
      int version = activation.store(result, gate.activate(), gate.reason());
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
                row.message = gate.reason();
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

  private record Gate(boolean activate, String reason) {}

  /** Compares the new model with the active one on the same held-out comments. */
  private Gate gate(TrainingPipeline.Result result, boolean force) {
    double candidate = result.evaluation().at(0.5).mcc();
    Optional<ActiveModel> active = registry.current();
    if (active.isEmpty()) {
      return new Gate(
          true, String.format(Locale.ROOT, "activated: no model was active (MCC %.4f)", candidate));
    }
    double current = Evaluation.of(active.get().model(), result.heldOut()).at(0.5).mcc();
    double margin = config.retrain().gateMargin();
    String comparison =
        String.format(
            Locale.ROOT,
            "MCC %.4f against %.4f of version %s on %d held-out comments",
            candidate,
            current,
            active.get().version(),
            result.heldOut().size());
    if (candidate >= current - margin) {
      return new Gate(true, "activated: " + comparison);
    }
    if (force) {
      return new Gate(true, "activated by force although worse: " + comparison);
    }
    return new Gate(
        false,
        String.format(
            Locale.ROOT,
            "kept inactive by the quality gate (margin %.4f): %s",
            margin,
            comparison));
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
