package com.commentshield.admin;

import com.commentshield.classify.ActiveModel;
import com.commentshield.classify.ModelRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps an instance in step with the others on the same database: a version activated anywhere is
 * loaded here within one sync period, and so is a changed decision policy.
 */
@ApplicationScoped
public class ActiveModelSync {

  private static final Logger LOG = Logger.getLogger(ActiveModelSync.class);

  private final ModelRegistry registry;
  private final ModelStore store;
  private final PolicyService policy;
  private volatile boolean stopping;

  public ActiveModelSync(ModelRegistry registry, ModelStore store, PolicyService policy) {
    this.registry = registry;
    this.store = store;
    this.policy = policy;
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
      policy.refresh();
      Optional<Integer> stored = store.activeVersion();
      Optional<String> serving = registry.current().map(ActiveModel::version);
      if (stored.isPresent()
          && serving.isPresent()
          && !serving.get().equals(stored.get().toString())) {
        ModelStore.Loaded loaded = store.load(stored.get());
        registry.activate(ActiveModel.of(Integer.toString(loaded.version()), loaded.model()));
        LOG.infof("Switched to model version %d, activated by another instance", loaded.version());
      }
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warn("Could not check the database for a newer model or policy", e);
      }
    }
  }

  /** A sync that starts while the application shuts down would find the database closed. */
  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }
}
