package dev.hasim.kernel.time;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * The executor of the simulation dispatcher: it runs nothing itself, it only queues mailbox runs on the
 * {@link VirtualScheduler}, whose driver drains them on its own thread. One thread, one order: determinism.
 *
 * <p>Configured as {@code executor = "dev.hasim.kernel.time.DriverExecutorConfigurator"}; it requires the
 * system's scheduler to be the {@link VirtualScheduler}.
 */
public final class DriverExecutorConfigurator extends ExecutorServiceConfigurator {
  private final VirtualScheduler scheduler;

  public DriverExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    if (!(prerequisites.scheduler() instanceof VirtualScheduler virtual)) {
      throw new IllegalStateException("the simulation dispatcher needs pekko.scheduler.implementation = "
          + VirtualScheduler.class.getName() + ", found " + prerequisites.scheduler().getClass().getName());
    }
    this.scheduler = virtual;
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    // Pekko may create the executor again after an idle dispatcher shut it down: hand out the same queue.
    return () -> new QueueingExecutor(scheduler);
  }

  /** Queues; never runs. Shutting it down is a no-op because Pekko may ask more than once. */
  static final class QueueingExecutor extends AbstractExecutorService {
    private final VirtualScheduler scheduler;

    QueueingExecutor(VirtualScheduler scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable command) {
      if (command instanceof org.apache.pekko.dispatch.Mailbox) {
        // The driver runs mailboxes itself (VirtualScheduler.drainReady), as only the driver dispatcher queues them.
        throw new IllegalStateException("a mailbox run on the driver executor: configure the dispatcher with type = "
            + DriverDispatcherConfigurator.class.getName());
      }
      scheduler.submitReady(command);
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  static ExecutorService forTest(VirtualScheduler scheduler) {
    return new QueueingExecutor(scheduler);
  }
}
