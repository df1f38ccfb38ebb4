package dev.hasim.kernel.time;

import com.typesafe.config.Config;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.AbstractScheduler;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler, replaced by virtual time: tasks wait in a priority queue ordered by deadline, then by the
 * sequence number given when they were scheduled, so two tasks due at the same instant always run in the
 * order they were scheduled. Nothing here reads a clock or sleeps; time moves only when the driver calls
 * {@link #advanceTo}.
 *
 * <p>It also owns the run queue of the simulation dispatcher ({@link DriverExecutorConfigurator}): actors
 * spawned on that dispatcher never run on a thread pool, only when the driver calls {@link #drainReady}.
 *
 * <p>Installed with {@code pekko.scheduler.implementation = dev.hasim.kernel.time.VirtualScheduler}; Pekko
 * loads it reflectively with this constructor. Pekko's own threads (loggers, internal dispatcher) may
 * schedule too, hence the locking; simulated code runs on the driver thread only.
 */
public final class VirtualScheduler extends AbstractScheduler implements Timeline {
  /** A livelock guard: more tasks than this at one instant means a model reschedules itself with delay 0. */
  static final long MAX_TASKS_PER_INSTANT = 50_000_000L;

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private long nowNanos;
  private long nextSequence;
  private long tasksRun;

  public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {}

  /** For tests and tools that want the queue without an actor system. */
  public VirtualScheduler() {}

  // ---- Pekko's Scheduler -------------------------------------------------------------------------------

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
    return enqueue(delay.toNanos(), 0, runnable, executor);
  }

  @Override
  public Cancellable schedule(
      FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable, ExecutionContext executor) {
    long intervalNanos = interval.toNanos();
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("repeating task needs a positive interval, got " + interval);
    }
    return enqueue(initialDelay.toNanos(), intervalNanos, runnable, executor);
  }

  /** Virtual time has no tick resolution; Pekko only uses this to warn about too-frequent timers. */
  @Override
  public double maxFrequency() {
    return 1.0e9;
  }

  // ---- Timeline: what the fabric and the scenario use ----------------------------------------------------

  @Override
  public synchronized long nowNanos() {
    return nowNanos;
  }

  @Override
  public void scheduleAt(long atNanos, Runnable task) {
    synchronized (this) {
      enqueueAbsolute(Math.max(atNanos, nowNanos), 0, task, null);
    }
  }

  // ---- The driver's side ---------------------------------------------------------------------------------

  /** Deadline of the earliest live task, or {@code Long.MAX_VALUE} when nothing is scheduled. */
  public synchronized long nextDeadline() {
    Task head;
    while ((head = tasks.peek()) != null && head.cancelled) {
      tasks.poll();
    }
    return head == null ? Long.MAX_VALUE : head.deadlineNanos;
  }

  /**
   * Moves time to {@code deadlineNanos} and runs every task due by then, one at a time in (deadline,
   * sequence) order, draining the run queue after each so that a message delivered at an instant is
   * handled before the next timer of that instant fires.
   */
  public void advanceTo(long deadlineNanos) {
    long runAtThisInstant = 0;
    while (true) {
      Task due;
      synchronized (this) {
        if (deadlineNanos < nowNanos) {
          throw new IllegalArgumentException("time cannot go back: " + deadlineNanos + " < " + nowNanos);
        }
        due = tasks.peek();
        if (due == null || due.deadlineNanos > deadlineNanos) {
          nowNanos = deadlineNanos;
          return;
        }
        tasks.poll();
        if (due.cancelled) {
          continue;
        }
        nowNanos = due.deadlineNanos;
        if (due.intervalNanos > 0) {
          // Fixed rate: the next run is due one interval after this deadline, not after the run.
          rearm(due, due.deadlineNanos + due.intervalNanos);
        }
      }
      due.run();
      tasksRun++;
      drainReady();
      if (++runAtThisInstant > MAX_TASKS_PER_INSTANT) {
        throw new IllegalStateException("more than " + MAX_TASKS_PER_INSTANT
            + " tasks at virtual time " + nowNanos + " ns: a timer or message loop with zero delay");
      }
    }
  }

  /** Runs queued actor work (mailboxes) until none is left. Returns how many tasks ran. */
  public long drainReady() {
    long ran = 0;
    while (true) {
      Runnable next;
      synchronized (this) {
        next = ready.poll();
      }
      if (next == null) {
        return ran;
      }
      next.run();
      ran++;
    }
  }

  public synchronized boolean hasReadyWork() {
    return !ready.isEmpty();
  }

  /** Scheduled tasks that have run so far (timers, deliveries, scenario events). */
  public synchronized long tasksRun() {
    return tasksRun;
  }

  synchronized void submitReady(Runnable task) {
    ready.add(task);
  }

  // ---- Internals -----------------------------------------------------------------------------------------

  private synchronized Task enqueue(long delayNanos, long intervalNanos, Runnable r, ExecutionContext ec) {
    return enqueueAbsolute(nowNanos + Math.max(0, delayNanos), intervalNanos, r, ec);
  }

  private Task enqueueAbsolute(long at, long intervalNanos, Runnable r, ExecutionContext ec) {
    Task task = new Task(this, at, nextSequence++, intervalNanos, r, ec);
    tasks.add(task);
    return task;
  }

  /** Re-arms a repeating task under the same Cancellable handle, so cancelling it stops every future run. */
  private void rearm(Task handle, long at) {
    handle.deadlineNanos = at;
    handle.sequence = nextSequence++;
    tasks.add(handle);
  }

  private static final class Task implements Cancellable, Comparable<Task> {
    private final VirtualScheduler owner;
    private final long intervalNanos;
    private final Runnable runnable;
    private final ExecutionContext executor;
    private long deadlineNanos;
    private long sequence;
    private volatile boolean cancelled;

    Task(VirtualScheduler owner, long deadlineNanos, long sequence, long intervalNanos, Runnable runnable,
        ExecutionContext executor) {
      this.owner = owner;
      this.deadlineNanos = deadlineNanos;
      this.sequence = sequence;
      this.intervalNanos = intervalNanos;
      this.runnable = runnable;
      this.executor = executor;
    }

    void run() {
      if (executor == null) {
        runnable.run();
      } else {
        executor.execute(runnable);
      }
    }

    @Override
    public boolean cancel() {
      synchronized (owner) {
        if (cancelled) {
          return false;
        }
        cancelled = true;
        // Removal keeps the queue small for heartbeat timers that are re-armed on every message.
        owner.tasks.remove(this);
        return true;
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public int compareTo(Task other) {
      int byDeadline = Long.compare(deadlineNanos, other.deadlineNanos);
      return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
  }
}
