package dev.hasim.kernel.time;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.pekko.actor.Cancellable;

/**
 * A runnable that is its own entry in the virtual-time queue: scheduling it on a {@link VirtualScheduler}
 * allocates nothing more. The fabric's deliveries and the node timers are ones, so a message costs one object
 * in the queue instead of a wrapper around a lambda. On the wall clock it is an ordinary runnable.
 *
 * <p>An entry can be queued once; {@link VirtualScheduler} wraps one that is scheduled again, as it wraps any
 * other runnable.
 */
public abstract class TimedTask implements Runnable, Cancellable {
  private static final AtomicIntegerFieldUpdater<TimedTask> CANCELLED =
      AtomicIntegerFieldUpdater.newUpdater(TimedTask.class, "cancelled");
  private static final long NOT_QUEUED = Long.MIN_VALUE;

  long deadlineNanos = NOT_QUEUED;
  /** Positive for a fixed-rate task: the queue re-inserts it this long after each deadline. */
  long intervalNanos;
  /** 1 once cancelled. */
  private volatile int cancelled;

  /** Claims this entry for the queue; false if it was queued before. Driver thread only. */
  final boolean claim(long deadlineNanos, long intervalNanos) {
    if (this.deadlineNanos != NOT_QUEUED) {
      return false;
    }
    this.deadlineNanos = deadlineNanos;
    this.intervalNanos = intervalNanos;
    return true;
  }

  /**
   * Marks the task; the queue drops it when it reaches the head. Removing it now would cost a linear scan of
   * the queue, and heartbeat detectors cancel and re-arm a timer on every message.
   */
  @Override
  public boolean cancel() {
    return CANCELLED.compareAndSet(this, 0, 1); // Pekko may cancel from any thread
  }

  /**
   * {@link #cancel} for the thread that runs the queue, and only for it: an ordered store (a plain one on
   * x86), where a compare-and-set would stall the processor on every heartbeat that re-arms a detector.
   */
  public void cancelOnDriver() {
    CANCELLED.lazySet(this, 1);
  }

  /**
   * The actor this task will tell, if it knows it cheaply: the queue reads ahead what the next tasks will touch
   * ({@link VirtualScheduler#advanceTo}). Reading only; null by default.
   */
  protected org.apache.pekko.actor.ActorRef recipient() {
    return null;
  }

  @Override
  public boolean isCancelled() {
    return cancelled == 1;
  }
}
