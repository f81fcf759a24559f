package com.commentshield.models;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps an instance in step with the others on the same database: a version activated anywhere is
 * loaded here within one sync period.
 */
@ApplicationScoped
public class ActiveModelSync {

  private static final Logger LOG = Logger.getLogger(ActiveModelSync.class);

  private final ModelRegistry registry;
  private final ModelStore store;
  private final ModelActivation activation;
  private volatile boolean stopping;

  public ActiveModelSync(ModelRegistry registry, ModelStore store, ModelActivation activation) {
    this.registry = registry;
    this.store = store;
    this.activation = activation;
  }

  @Scheduled(
      every = "{commentshield.sync.every}",
      delayed = "{commentshield.sync.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sync() {
    if (stopping) {
      return;
    }
    try {
      Optional<Integer> stored = store.activeVersion();
      Optional<Integer> serving = registry.current().map(ActiveModel::version);
      if (stored.isPresent() && serving.isPresent() && !serving.get().equals(stored.get())) {
        ModelStore.Loaded loaded = store.load(stored.get());
        activation.serve(loaded);
        LOG.infof("Switched to model version %d, activated by another instance", loaded.version());
      }
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warn("Could not check the database for a newer model", e);
      }
    }
  }

  /** A sync that starts while the application shuts down would find the database closed. */
  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }
}
