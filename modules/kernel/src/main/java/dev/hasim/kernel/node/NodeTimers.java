package dev.hasim.kernel.node;

import dev.hasim.kernel.time.TimedTask;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.time.VirtualScheduler;
import java.time.Duration;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import scala.concurrent.ExecutionContext;

/**
 * A node's timers, with the semantics of Pekko's {@code Behaviors.withTimers}: one timer per key, a new one
 * replaces the old, and a timer cancelled after it fired but before its message was handled is never
 * delivered. The actor system's scheduler fires them — virtual in simulation, the wall clock live — so a
 * model's code is the same in both runtimes.
 *
 * <p>Why not Pekko's own: its timer messages pass through an interceptor that asks the actor context for its
 * logger on every one, and that sets the logging MDC (three thread-local writes, then a clear) around every
 * message from then on — about 8 % of a heartbeat workload's time.
 *
 * <p>Where a fired timer is checked for staleness depends on the clock. In virtual time it is checked as it
 * fires and the node is told the bare message: the driver drains every mailbox before and after each task,
 * so nothing can run between the firing and the handling, and the check is final — no wrapper around the
 * node, which at 10,000 nodes costs two cache misses per message. On the wall clock the timer can be
 * cancelled while its message waits in the mailbox, so a {@link Fired} envelope is told and opened where it
 * is handled ({@link #prepare}).
 */
public final class NodeTimers<T> implements TimerScheduler<T> {
  /**
   * A timer's firing: the task the scheduler runs (in virtual time its own queue entry), and on the wall clock
   * also the envelope the node is told. It is current while its key's entry holds this very object: a restart
   * or cancel replaces or removes it, so its identity is its generation.
   */
  static final class Fired extends TimedTask {
    private final NodeTimers<?> owner;
    private final Object key;
    private final Object message;
    private final boolean repeat;
    /** The owner's node and clock, kept here too: a repeating timer fires without touching its owner ({@link #run}). */
    private final ActorRef self;
    private final boolean virtual;
    /** What cancels it: itself in virtual time, Pekko's handle on the wall clock. */
    private Cancellable handle = this;

    Fired(NodeTimers<?> owner, Object key, Object message, boolean repeat) {
      this.owner = owner;
      this.key = key;
      this.message = message;
      this.repeat = repeat;
      this.self = owner.self;
      this.virtual = owner.virtual != null;
    }

    /**
     * In virtual time a repeating timer that fires is current: the queue runs no cancelled task, and replacing,
     * cancelling or stopping (the directory cancels every timer of a node that goes down) cancels the old firing.
     * Firing it has nothing to update either, so it tells its message without touching the owner and its entries
     * (two cache misses on every heartbeat at 10,000 nodes). A single timer is opened: it leaves its key.
     */
    @Override
    public void run() {
      if (repeat && virtual) {
        self.tell(message, ActorRef.noSender());
        return;
      }
      if (!virtual) {
        self.tell(this, ActorRef.noSender());
        return;
      }
      Object current = owner.open(this);
      if (current != null) {
        self.tell(current, ActorRef.noSender());
      }
    }

    @Override
    protected ActorRef recipient() {
      return self;
    }
  }

  /**
   * A node's behaviour as it must be spawned on {@code timeline}: itself in virtual time; on the wall clock,
   * wrapped so that fired timers' envelopes are opened (and stale ones dropped) as they are handled.
   */
  public static Behavior<Object> prepare(Behavior<Object> behavior, Timeline timeline) {
    return checkedAsTheyFire(timeline) ? behavior : Behaviors.intercept(EnvelopeOpener::new, behavior);
  }

  /** The one rule: timers are checked as they fire where the clock is virtual (see the class comment). */
  private static boolean checkedAsTheyFire(Object clock) {
    return clock instanceof VirtualScheduler;
  }

  private static final class EnvelopeOpener extends BehaviorInterceptor<Object, Object> {
    EnvelopeOpener() {
      super(Object.class);
    }

    @Override
    public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target) {
      if (msg instanceof Fired fired) {
        Object current = fired.owner.open(fired);
        return current == null ? Behaviors.same() : target.apply(ctx, current);
      }
      return target.apply(ctx, msg);
    }
  }

  /** The scheduler calls the tell directly, on whatever thread fires timers (the driver, in simulation). */
  private static final ExecutionContext RUN_IN_PLACE = ExecutionContext.fromExecutor(Runnable::run);

  /** Classic: telling it directly skips the typed adapter, one object fewer to touch per timer. */
  private final ActorRef self;
  private final Scheduler scheduler;
  /** The same scheduler when it is virtual: scheduled in nanoseconds, without Pekko's duration conversions. */
  private final VirtualScheduler virtual;
  /**
   * Each key followed by its current firing: a node has a handful of timers, keys are compared by identity
   * first (they are constants), and one small array is all a heartbeat touches besides the firing itself — at
   * 10,000 nodes every further object is a cache miss.
   */
  private Object[] entries = new Object[8];
  /** Entries in use, two slots each. */
  private int used;

  NodeTimers(ActorContext<?> ctx) {
    this.self = Adapter.toClassic(ctx.getSelf());
    this.scheduler = Adapter.toClassic(ctx.getSystem()).scheduler();
    this.virtual = checkedAsTheyFire(scheduler) ? (VirtualScheduler) scheduler : null;
  }

  @Override
  public void startSingleTimer(Object key, T msg, Duration delay) {
    start(key, msg, false, delay, null);
  }

  @Override
  public void startTimerAtFixedRate(Object key, T msg, Duration interval) {
    start(key, msg, true, interval, interval);
  }

  @Override
  public void startTimerAtFixedRate(Object key, T msg, Duration initialDelay, Duration interval) {
    start(key, msg, true, initialDelay, interval);
  }

  /** Virtual time never runs late, so fixed delay and fixed rate are the same schedule here. */
  @Override
  public void startTimerWithFixedDelay(Object key, T msg, Duration delay) {
    start(key, msg, true, delay, delay);
  }

  @Override
  public void startTimerWithFixedDelay(Object key, T msg, Duration initialDelay, Duration delay) {
    start(key, msg, true, initialDelay, delay);
  }

  @Override
  @Deprecated
  public void startPeriodicTimer(Object key, T msg, Duration interval) {
    start(key, msg, true, interval, interval);
  }

  @Override
  public boolean isTimerActive(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public void cancel(Object key) {
    int i = indexOf(key);
    if (i >= 0) {
      cancelTask((Fired) entries[i + 1]);
      removeAt(i);
    }
  }

  @Override
  public void cancelAll() {
    for (int i = 0; i < used; i += 2) {
      cancelTask((Fired) entries[i + 1]);
    }
    java.util.Arrays.fill(entries, 0, used, null);
    used = 0;
  }

  /** The message to hand to the behaviour, or null when the timer was cancelled or replaced meanwhile. */
  Object open(Fired fired) {
    int i = indexOf(fired.key);
    if (i < 0 || entries[i + 1] != fired) {
      return null;
    }
    if (!fired.repeat) {
      removeAt(i);
    }
    return fired.message;
  }

  /** In virtual time timers are started and cancelled on the driver thread: no atomic instruction needed. */
  private void cancelTask(Fired fired) {
    if (virtual != null) {
      fired.cancelOnDriver();
    } else {
      fired.handle.cancel();
    }
  }

  /** The index of {@code key} in {@link #entries}, or -1. */
  private int indexOf(Object key) {
    Object[] e = entries;
    for (int i = 0; i < used; i += 2) {
      if (e[i] == key) {
        return i;
      }
    }
    for (int i = 0; i < used; i += 2) {
      if (e[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private void removeAt(int i) {
    used -= 2;
    entries[i] = entries[used];
    entries[i + 1] = entries[used + 1];
    entries[used] = null;
    entries[used + 1] = null;
  }

  private void start(Object key, T msg, boolean repeat, Duration initialDelay, Duration interval) {
    Fired fired = new Fired(this, key, msg, repeat);
    int i = indexOf(key);
    if (i < 0) {
      if (used == entries.length) {
        entries = java.util.Arrays.copyOf(entries, used * 2);
      }
      i = used;
      entries[i] = key;
      used += 2;
    } else {
      cancelTask((Fired) entries[i + 1]);
    }
    entries[i + 1] = fired;
    if (virtual != null) {
      if (repeat) {
        virtual.scheduleAtFixedRateNanos(initialDelay.toNanos(), interval.toNanos(), fired);
      } else {
        virtual.scheduleOnceNanos(initialDelay.toNanos(), fired);
      }
    } else {
      fired.handle = repeat
          ? scheduler.scheduleAtFixedRate(initialDelay, interval, fired, RUN_IN_PLACE)
          : scheduler.scheduleOnce(initialDelay, fired, RUN_IN_PLACE);
    }
  }
}
