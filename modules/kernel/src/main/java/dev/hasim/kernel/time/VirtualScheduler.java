package dev.hasim.kernel.time;

import com.typesafe.config.Config;
import java.util.ArrayDeque;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.AbstractScheduler;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.actor.ActorRefWithCell;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.internal.adapter.ActorAdapter;
import org.apache.pekko.dispatch.Mailbox;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler, replaced by virtual time: tasks wait ordered by deadline, then by the sequence number
 * given when they were scheduled, so two tasks due at the same instant always run in the order they were
 * scheduled. The queue is a sorted map of deadlines to FIFO buckets: heartbeat workloads put thousands of
 * tasks on few distinct instants, which a bucket holds far more cheaply than a binary heap of every task.
 * Nothing here reads a clock or sleeps; time moves only when the driver calls {@link #advanceTo}.
 *
 * <p>It also owns the run queue of the simulation dispatcher ({@link DriverExecutorConfigurator}): actors
 * spawned on that dispatcher never run on a thread pool, only when the driver calls {@link #drainReady}.
 *
 * <p>Installed with {@code pekko.scheduler.implementation = dev.hasim.kernel.time.VirtualScheduler}; Pekko
 * loads it reflectively with this constructor, on the thread that creates the actor system: that thread is
 * the driver. The driver touches the queues without locks; Pekko's own threads (loggers, internal
 * dispatcher) may schedule too, and their requests wait in a concurrent inbox that the driver takes in
 * whenever it looks at the queues. Simulated code runs on the driver thread only.
 */
public final class VirtualScheduler extends AbstractScheduler implements Timeline {
  /** A livelock guard: more tasks than this at one instant means a model reschedules itself with delay 0. */
  static final long MAX_TASKS_PER_INSTANT = 50_000_000L;

  /**
   * The thread that runs simulated code: the one that created the actor system, or the one that took over a
   * pooled runtime for its next run ({@link #adoptDriver}). Handed over only between runs, through the pool's
   * concurrent queue; volatile so that Pekko's own threads never mistake themselves for it.
   */
  private volatile Thread driver = Thread.currentThread();
  private final TreeMap<Long, Bucket> tasks = new TreeMap<>();
  /**
   * The earliest bucket, kept at hand: tasks are taken from it without a tree lookup. Null when the queue is
   * empty.
   */
  private Bucket headBucket;
  private long headDeadline = Long.MAX_VALUE;
  /**
   * The buckets appended to most recently, by deadline: a node's message handler typically schedules a
   * delivery (now + latency), re-arms a detector (now + timeout) and a heartbeat (now + period), so a few
   * entries catch nearly every insertion. Replaced round-robin; cleared when their bucket is used up.
   */
  private static final int RECENT = 8;
  private final long[] recentDeadline = new long[RECENT];
  private final Bucket[] recentBucket = new Bucket[RECENT];
  private int recentNext;
  private long queued;
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  /** Work handed in by threads other than the driver: scheduling requests and mailbox runs. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> foreign =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile long nowNanos;
  private long tasksRun;

  public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {}

  /** For tests and tools that want the queue without an actor system. */
  public VirtualScheduler() {}

  // ---- Pekko's Scheduler -------------------------------------------------------------------------------

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
    return enqueue(delay.toNanos(), 0, runnable, executor);
  }

  /** Deprecated in Pekko's API but still abstract: its fixed-rate methods delegate here. */
  @Override
  @SuppressWarnings("deprecation")
  public Cancellable schedule(
      FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable, ExecutionContext executor) {
    long intervalNanos = interval.toNanos();
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("repeating task needs a positive interval, got " + interval);
    }
    return enqueue(initialDelay.toNanos(), intervalNanos, runnable, executor);
  }

  /**
   * As {@link #scheduleOnce}, for the kernel's own timers: no duration conversion, run where it fires; a
   * {@link TimedTask} is queued as it is.
   */
  public Cancellable scheduleOnceNanos(long delayNanos, Runnable runnable) {
    return enqueue(delayNanos, 0, runnable, null);
  }

  /** A fixed-rate task for the kernel's own timers; {@code intervalNanos} must be positive. */
  public Cancellable scheduleAtFixedRateNanos(long initialDelayNanos, long intervalNanos, Runnable runnable) {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("repeating task needs a positive interval, got " + intervalNanos + " ns");
    }
    return enqueue(initialDelayNanos, intervalNanos, runnable, null);
  }

  /** Virtual time has no tick resolution; Pekko only uses this to warn about too-frequent timers. */
  @Override
  public double maxFrequency() {
    return 1.0e9;
  }

  // ---- Timeline: what the fabric and the scenario use ----------------------------------------------------

  @Override
  public long nowNanos() {
    return nowNanos;
  }

  @Override
  public void scheduleAt(long atNanos, Runnable task) {
    enqueueAbsolute(Math.max(atNanos, nowNanos), 0, task, null);
  }

  // ---- The driver's side ---------------------------------------------------------------------------------

  /** Deadline of the earliest live task, or {@code Long.MAX_VALUE} when nothing is scheduled. */
  public long nextDeadline() {
    takeInForeign();
    TimedTask head = peekLive();
    return head == null ? Long.MAX_VALUE : head.deadlineNanos;
  }

  /** The earliest task that is not cancelled, dropping cancelled ones on the way; null if none. */
  private TimedTask peekLive() {
    while (true) {
      if (headBucket == null) {
        if (tasks.isEmpty()) {
          return null;
        }
        var first = tasks.firstEntry();
        headBucket = first.getValue();
        headDeadline = first.getKey();
      }
      Bucket bucket = headBucket;
      while (!bucket.isEmpty() && bucket.peekFirst().isCancelled()) {
        bucket.pollFirst();
        queued--;
      }
      if (!bucket.isEmpty()) {
        return bucket.peekFirst();
      }
      tasks.remove(headDeadline);
      for (int i = 0; i < RECENT; i++) {
        if (recentBucket[i] == bucket) {
          recentBucket[i] = null;
        }
      }
      headBucket = null;
      headDeadline = Long.MAX_VALUE;
    }
  }

  private TimedTask pollLive() {
    TimedTask head = peekLive();
    if (head != null) {
      headBucket.pollFirst();
      queued--;
    }
    return head;
  }

  /**
   * Whether a task (cancelled ones included) waits at exactly {@code deadlineNanos}. A live run (hasim play)
   * injects an event only at an instant where nothing waits yet, so that it runs first there, as the same event
   * read from a scenario file (scheduled before everything else) does.
   */
  public boolean hasTaskAt(long deadlineNanos) {
    takeInForeign();
    return tasks.containsKey(deadlineNanos);
  }

  /** Tasks waiting, cancelled ones included until they reach the head. */
  public long queued() {
    return queued;
  }

  /**
   * Moves time to {@code deadlineNanos} and runs every task due by then, one at a time in (deadline,
   * sequence) order, draining the run queue before and after each so that a message delivered at an instant is
   * handled before the next timer of that instant fires.
   */
  public void advanceTo(long deadlineNanos) {
    long runAtThisInstant = 0;
    if (deadlineNanos < nowNanos) {
      throw new IllegalArgumentException("time cannot go back: " + deadlineNanos + " < " + nowNanos);
    }
    while (true) {
      // Every mailbox is empty before a task runs: a node timer relies on it (NodeTimers checks a timer as it
      // fires, and nothing may run between that check and the handling of its message).
      drainReady();
      TimedTask due = peekLive();
      if (due == null || due.deadlineNanos > deadlineNanos) {
        nowNanos = deadlineNanos;
        return;
      }
      pollLive();
      if (++sinceTouch == TOUCH_BATCH) {
        sinceTouch = 0;
        touchAhead(headBucket);
      }
      nowNanos = due.deadlineNanos;
      if (due.intervalNanos > 0) {
        // Fixed rate: the next run is due one interval after this deadline, not after the run.
        rearm(due, due.deadlineNanos + due.intervalNanos);
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

  /**
   * Tasks between two looks ahead, and how far ahead: at 10,000 nodes nearly every object a message touches — the
   * queue entry, the receiver's endpoint, actor ref, cell, mailbox and queue — is a cache miss, and each needs the
   * one before it, so one message waits for them one after another. Reading the same objects of the next
   * {@value #TOUCH_BATCH} tasks level by level instead (all their endpoints, then all their refs, ...) lets their
   * misses overlap; by the time those tasks run, their objects are in the cache. Reads only: nothing changes.
   */
  static final int TOUCH_BATCH = 8;
  private int sinceTouch;
  private final Object[] touching = new Object[TOUCH_BATCH];
  private final Object[] touchingActors = new Object[TOUCH_BATCH];
  /** Keeps the reads of {@link #touchAhead} from being optimised away. */
  private int touched;

  private void touchAhead(Bucket bucket) {
    if (bucket == null) {
      return;
    }
    Object[] level = touching;
    int n = 0;
    for (int i = TOUCH_BATCH; i < 2 * TOUCH_BATCH; i++) {
      TimedTask ahead = bucket.peek(i);
      if (ahead == null) {
        break;
      }
      level[n++] = ahead.recipient(); // the task, then its endpoint
    }
    for (int i = 0; i < n; i++) {
      level[i] = level[i] instanceof ActorRefWithCell ref ? ref.underlying() : null; // the actor ref
    }
    Object[] actors = touchingActors;
    for (int i = 0; i < n; i++) {
      if (level[i] instanceof ActorCell cell) { // the cell
        actors[i] = cell.actor();
        level[i] = cell.mailbox();
      } else {
        actors[i] = null;
        level[i] = null;
      }
    }
    for (int i = 0; i < n; i++) {
      level[i] = level[i] instanceof Mailbox mailbox ? mailbox.messageQueue() : null; // the mailbox
      actors[i] = actors[i] instanceof ActorAdapter<?> adapter ? adapter.currentBehavior() : null; // the adapter
    }
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (level[i] instanceof MessageQueue queue && queue.hasMessages()) { // the queue
        seen++;
      }
      if (actors[i] instanceof Behavior<?> behavior) { // the behaviour: the node's own object
        seen += behavior._tag();
      }
      level[i] = null;
      actors[i] = null;
    }
    touched += seen;
  }

  /** Runs queued actor work (mailboxes) until none is left. Returns how many tasks ran. */
  public long drainReady() {
    long ran = 0;
    while (true) {
      Runnable next = ready.poll();
      if (next == null) {
        takeInForeign();
        next = ready.poll();
        if (next == null) {
          return ran;
        }
      }
      if (next instanceof Mailbox mailbox) {
        DriverDispatcherConfigurator.run(mailbox); // queued by the driver dispatcher: Pekko's run, no atomics
      } else {
        next.run();
      }
      ran++;
    }
  }

  public boolean hasReadyWork() {
    takeInForeign();
    return !ready.isEmpty();
  }

  /**
   * Drops every waiting task. For the end of a run: node timers and deliveries still queued must not run
   * while the actor system shuts down (it schedules its own tasks afresh).
   */
  public void discardQueued() {
    takeInForeign();
    tasks.clear();
    java.util.Arrays.fill(recentBucket, null);
    headBucket = null;
    headDeadline = Long.MAX_VALUE;
    queued = 0;
  }

  /**
   * Makes the calling thread the driver. Only between runs, when nothing is queued and no other thread drives:
   * a pooled runtime is taken over by whichever thread leases it.
   */
  public void adoptDriver() {
    driver = Thread.currentThread();
    takeInForeign();
  }

  /**
   * Virtual time back to 0 with nothing queued, as a freshly created scheduler: the start of a new run on a
   * reused actor system. Everything still queued is dropped (the previous run's timers and messages, and
   * Pekko's own start-up timers, which touch no simulated state). Driver thread only; every mailbox must have
   * run (a dropped mailbox run would leave its actor scheduled forever).
   */
  public void reset() {
    if (hasReadyWork()) {
      throw new IllegalStateException("actor work is still queued: drain before resetting virtual time");
    }
    discardQueued();
    java.util.Arrays.fill(recentDeadline, 0);
    recentNext = 0;
    nowNanos = 0;
    tasksRun = 0;
  }

  /** Scheduled tasks that have run so far (timers, deliveries, scenario events). */
  public long tasksRun() {
    return tasksRun;
  }

  /** Whether the calling thread is the driver, the one thread that runs simulated code. */
  public boolean onDriverThread() {
    return Thread.currentThread() == driver;
  }

  /** A mailbox run queued by the driver dispatcher, on the driver thread. */
  void readyOnDriver(Mailbox mailbox) {
    ready.add(mailbox);
  }

  /** Runs {@code work} on the driver thread when it next looks at its queues, in the order handed in. */
  void onDriver(Runnable work) {
    foreign.add(work);
  }

  void submitReady(Runnable task) {
    if (Thread.currentThread() == driver) {
      ready.add(task);
    } else {
      foreign.add(() -> ready.add(task));
    }
  }

  // ---- Internals -----------------------------------------------------------------------------------------

  /** Applies what other threads handed in, in the order they handed it; on the driver thread only. */
  private void takeInForeign() {
    Runnable handedIn;
    while ((handedIn = foreign.poll()) != null) {
      handedIn.run();
    }
  }

  private TimedTask enqueue(long delayNanos, long intervalNanos, Runnable r, ExecutionContext ec) {
    return enqueueAbsolute(nowNanos + Math.max(0, delayNanos), intervalNanos, r, ec);
  }

  private TimedTask enqueueAbsolute(long at, long intervalNanos, Runnable r, ExecutionContext ec) {
    TimedTask task = ec == null && r instanceof TimedTask own && own.claim(at, intervalNanos) ? own
        : new Wrapped(at, intervalNanos, r, ec);
    if (Thread.currentThread() == driver) {
      insert(task);
    } else {
      // Inserted, in order, when the driver next looks at the queue. Time may have moved on since the deadline
      // was computed (the driver does not wait for Pekko's threads): then the task is due at once.
      foreign.add(() -> {
        task.deadlineNanos = Math.max(task.deadlineNanos, nowNanos);
        insert(task);
      });
    }
    return task;
  }

  /** Appending keeps each bucket in scheduling order: the (deadline, sequence) order without a counter. */
  private void insert(TimedTask task) {
    long deadline = task.deadlineNanos;
    Bucket bucket = null;
    for (int i = 0; i < RECENT; i++) {
      if (recentDeadline[i] == deadline && recentBucket[i] != null) {
        bucket = recentBucket[i];
        break;
      }
    }
    if (bucket == null) {
      bucket = tasks.computeIfAbsent(deadline, d -> new Bucket());
      recentDeadline[recentNext] = deadline;
      recentBucket[recentNext] = bucket;
      recentNext = (recentNext + 1) % RECENT;
    }
    bucket.addLast(task);
    queued++;
    if (deadline < headDeadline) {
      headBucket = bucket;
      headDeadline = deadline;
    }
  }

  /** Re-arms a repeating task under the same Cancellable handle, so cancelling it stops every future run. */
  private void rearm(TimedTask handle, long at) {
    handle.deadlineNanos = at;
    insert(handle);
  }

  /** Any other runnable (Pekko's, the scenario's), in a queue entry of its own. */
  private static final class Wrapped extends TimedTask {
    private final Runnable runnable;
    private final ExecutionContext executor;

    Wrapped(long deadlineNanos, long intervalNanos, Runnable runnable, ExecutionContext executor) {
      claim(deadlineNanos, intervalNanos);
      this.runnable = runnable;
      this.executor = executor;
    }

    @Override
    public void run() {
      if (executor == null) {
        runnable.run();
      } else {
        executor.execute(runnable);
      }
    }
  }
}
