package dev.hasim.kernel.time;

import com.typesafe.config.Config;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.Dispatcher;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.Mailbox;
import org.apache.pekko.dispatch.MessageDispatcher;
import org.apache.pekko.dispatch.MessageDispatcherConfigurator;
import scala.concurrent.duration.Duration;
import scala.concurrent.duration.FiniteDuration;

/**
 * The simulation dispatcher: Pekko's {@link Dispatcher} with the same order of work, but without the two
 * compare-and-set instructions per message that make a mailbox's scheduling safe between threads.
 *
 * <p>Pekko marks a mailbox scheduled with a compare-and-set when a message arrives ({@code setAsScheduled}) and
 * idle with another when its run ends ({@code setAsIdle}), because any thread may send while a pool thread runs
 * it. In virtual time the driver thread runs every mailbox and sends nearly every message, and an atomic
 * instruction stalls the processor while the cache misses of a message at 10,000 nodes are outstanding. Here
 * the mailbox's status is written by the driver thread only, with plain stores: a registration from any other
 * thread (Pekko's guardian starting the nursery, a test's probe) is handed to the driver, which makes it in the
 * order it takes the hand-over in, where Pekko's own registration would have queued the mailbox run; and the
 * driver runs a mailbox with {@link #run}, Pekko's {@code Mailbox.run} without its compare-and-set. Which mailbox
 * runs when, and what it processes, is exactly as with Pekko's dispatcher: the traces are unchanged.
 *
 * <p>Configured as {@code type = "dev.hasim.kernel.time.DriverDispatcherConfigurator"} with the
 * {@link DriverExecutorConfigurator} as its executor; it requires the system's scheduler to be the
 * {@link VirtualScheduler}.
 */
public final class DriverDispatcherConfigurator extends MessageDispatcherConfigurator {
  /** Pekko's {@code Mailbox} status bits (see {@code Mailbox.scala}): scheduled, and the mask that must be open. */
  private static final int SCHEDULED = 2;
  private static final int SHOULD_SCHEDULE_MASK = 3;
  private static final int OPEN = 0;
  /** The mailbox's status field, written without an atomic instruction by the driver thread, the only writer. */
  private static final VarHandle STATUS;

  static {
    try {
      STATUS = MethodHandles.privateLookupIn(Mailbox.class, MethodHandles.lookup())
          .findVarHandle(Mailbox.class, "_statusDoNotCallMeDirectly", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DriverDispatcher instance;

  public DriverDispatcherConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    if (!(prerequisites.scheduler() instanceof VirtualScheduler virtual)) {
      throw new IllegalStateException("the simulation dispatcher needs pekko.scheduler.implementation = "
          + VirtualScheduler.class.getName() + ", found " + prerequisites.scheduler().getClass().getName());
    }
    this.instance = new DriverDispatcher(this, config.getString("id"), config.getInt("throughput"),
        Duration.fromNanos(config.getDuration("throughput-deadline-time", TimeUnit.NANOSECONDS)),
        FiniteDuration.create(config.getDuration("shutdown-timeout", TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS),
        virtual);
  }

  @Override
  public MessageDispatcher dispatcher() {
    return instance;
  }

  /**
   * Runs a mailbox on the driver thread: Pekko's {@code Mailbox.run} (system messages first, then up to the
   * dispatcher's throughput of messages, system messages again after each; then idle, and queued again if work
   * arrived), with plain stores for the status.
   */
  static void run(Mailbox mbox) {
    try {
      if (!mbox.isClosed()) {
        mbox.processAllSystemMessages();
        processMailbox(mbox);
      }
    } finally {
      STATUS.setRelease(mbox, mbox.currentStatus() & ~SCHEDULED);
      mbox.dispatcher().registerForExecution(mbox, false, false);
    }
  }

  /** Pekko's {@code Mailbox.processMailbox}, as a loop. */
  private static void processMailbox(Mailbox mbox) {
    MessageDispatcher dispatcher = mbox.dispatcher();
    int left = Math.max(dispatcher.throughput(), 1);
    boolean timed = dispatcher.isThroughputDeadlineTimeDefined();
    long deadlineNs = timed ? System.nanoTime() + dispatcher.throughputDeadlineTime().toNanos() : 0L;
    while (mbox.shouldProcessMessage()) {
      Envelope next = mbox.dequeue();
      if (next == null) {
        return;
      }
      mbox.actor().invoke(next);
      if (Thread.interrupted()) {
        throw sneaky(new InterruptedException("Interrupted while processing actor messages"));
      }
      mbox.processAllSystemMessages();
      if (left <= 1 || (timed && System.nanoTime() - deadlineNs >= 0)) {
        return;
      }
      left--;
    }
  }

  /** Rethrows a checked exception unchanged, as Pekko's Scala code does. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  /** Pekko's dispatcher with the driver's registration. */
  static final class DriverDispatcher extends Dispatcher {
    private final VirtualScheduler scheduler;

    DriverDispatcher(MessageDispatcherConfigurator configurator, String id, int throughput,
        Duration throughputDeadlineTime, FiniteDuration shutdownTimeout, VirtualScheduler scheduler) {
      super(configurator, id, throughput, throughputDeadlineTime, configurator.configureExecutor(), shutdownTimeout);
      this.scheduler = scheduler;
    }

    /**
     * Pekko's registration ({@code Dispatcher.registerForExecution}): if the mailbox has work and may run, mark it
     * scheduled unless it is already, and queue its run. On the driver thread with a plain store; from any other
     * thread handed to the driver, so that the status has one writer.
     */
    @Override
    public boolean registerForExecution(Mailbox mbox, boolean hasMessageHint, boolean hasSystemMessageHint) {
      if (!scheduler.onDriverThread()) {
        scheduler.onDriver(() -> registerForExecution(mbox, hasMessageHint, hasSystemMessageHint));
        return true;
      }
      if (!mbox.canBeScheduledForExecution(hasMessageHint, hasSystemMessageHint)) {
        return false;
      }
      int status = mbox.currentStatus();
      if ((status & SHOULD_SCHEDULE_MASK) != OPEN) {
        return false;
      }
      STATUS.setRelease(mbox, status | SCHEDULED);
      scheduler.readyOnDriver(mbox);
      return true;
    }
  }
}
