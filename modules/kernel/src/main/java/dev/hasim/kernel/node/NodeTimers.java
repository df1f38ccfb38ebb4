package dev.hasim.kernel.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
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
 * message from then on — about 8 % of a heartbeat workload's time. Here a fired timer is a {@link Fired}
 * envelope that the kernel's lifecycle interceptor, which wraps every node anyway, opens with one map lookup.
 */
public final class NodeTimers<T> implements TimerScheduler<T> {
  /** A timer's message on its way through the mailbox, with what is needed to tell whether it is stale. */
  public record Fired(NodeTimers<?> owner, Object key, int generation, Object message) {}

  private static final class Timer {
    final int generation;
    final boolean repeat;
    final Cancellable task;

    Timer(int generation, boolean repeat, Cancellable task) {
      this.generation = generation;
      this.repeat = repeat;
      this.task = task;
    }
  }

  /** The scheduler calls the tell directly, on whatever thread fires timers (the driver, in simulation). */
  private static final ExecutionContext RUN_IN_PLACE = ExecutionContext.fromExecutor(Runnable::run);

  private final ActorRef<Object> self;
  private final Scheduler scheduler;
  private final Map<Object, Timer> timers = new HashMap<>();
  private int generation;

  @SuppressWarnings("unchecked")
  NodeTimers(ActorContext<?> ctx) {
    // The node actor accepts Object at its lifecycle interceptor, which opens the envelope.
    this.self = (ActorRef<Object>) (ActorRef<?>) ctx.getSelf();
    this.scheduler = org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(ctx.getSystem()).scheduler();
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
    return timers.containsKey(key);
  }

  @Override
  public void cancel(Object key) {
    Timer timer = timers.remove(key);
    if (timer != null) {
      timer.task.cancel();
    }
  }

  @Override
  public void cancelAll() {
    timers.values().forEach(t -> t.task.cancel());
    timers.clear();
  }

  /** The message to hand to the behaviour, or null when the timer was cancelled or replaced meanwhile. */
  Object open(Fired fired) {
    Timer timer = timers.get(fired.key());
    if (timer == null || timer.generation != fired.generation()) {
      return null;
    }
    if (!timer.repeat) {
      timers.remove(fired.key());
    }
    return fired.message();
  }

  private void start(Object key, T msg, boolean repeat, Duration initialDelay, Duration interval) {
    cancel(key);
    int gen = ++generation;
    Fired fired = new Fired(this, key, gen, msg);
    Runnable fire = () -> self.tell(fired);
    Cancellable task = repeat
        ? scheduler.scheduleAtFixedRate(initialDelay, interval, fire, RUN_IN_PLACE)
        : scheduler.scheduleOnce(initialDelay, fire, RUN_IN_PLACE);
    timers.put(key, new Timer(gen, repeat, task));
  }
}
