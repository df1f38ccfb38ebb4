package dev.hasim.mgc;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * ProvObjectManager's one thread (MGC-12, <i>Model</i>): its steps take virtual time. A handler decides at once,
 * and its decisions, views and states are recorded at once: the trace must show what the host's disk holds at
 * every instant (found by hasim explore: a prov-cpy's activation outlived its decision, which was waiting for its
 * steps when a restart came). Each step it {@link #spend spends} (PomStepTimes) moves the thread's clock on, and
 * what the handler writes to platform.log or sends to the peer leaves when the steps before it are done, in the
 * order it was written. An event handled while the thread is still busy therefore writes after the work before
 * it, as on the real single-threaded process. Nothing else waits: heartbeats, link states and the platform state
 * belong to the platform, not to POM, and are recorded at once. No wall clock: the thread's clock is virtual time,
 * and a timer ({@link MgcHost.Tick#POM_STEP}) releases what is due.
 */
final class PomThread {
  private record Pending(long atNanos, Runnable effect) {}

  /** A bound no handler comes near (a prov-sync of the seed's library leaves about 600 lines at once). */
  static final int MAX_PENDING = 1_000_000;

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<MgcHost.Command> timers;
  private final Deque<Pending> pending = new ArrayDeque<>();
  /** When the thread has done every step spent so far. */
  private long freeAtNanos;

  PomThread(NodeEnv env, NodeRecorder trace, TimerScheduler<MgcHost.Command> timers) {
    this.env = env;
    this.trace = trace;
    this.timers = timers;
  }

  /** One step of {@code units} (files, tables, directories) of work, for the procedure. */
  void spend(PomStepTimes step, boolean startupPull, double units) {
    long cost = step.nanos(startupPull, units);
    if (cost > 0) {
      freeAtNanos = Math.max(freeAtNanos, env.nowNanos()) + cost;
    }
  }

  void spend(PomStepTimes step, boolean startupPull) {
    spend(step, startupPull, 1);
  }

  /** Runs {@code effect} now if the thread is idle, else once the steps spent before it are done. */
  void emit(Runnable effect) {
    long now = env.nowNanos();
    if (pending.isEmpty() && freeAtNanos <= now) {
      effect.run();
      return;
    }
    if (pending.size() >= MAX_PENDING) {
      throw new IllegalStateException("ProvObjectManager has " + MAX_PENDING + " steps waiting: a handler loops");
    }
    pending.add(new Pending(Math.max(freeAtNanos, now), effect));
    if (pending.size() == 1) {
      schedule();
    }
  }

  /** The timer: runs every effect that is due, in order, then waits for the next. */
  void onTick() {
    long now = env.nowNanos();
    while (!pending.isEmpty() && pending.peek().atNanos() <= now) {
      pending.poll().effect().run();
    }
    if (!pending.isEmpty()) {
      schedule();
    }
  }

  private void schedule() {
    long delay = Math.max(0, pending.peek().atNanos() - env.nowNanos());
    timers.startSingleTimer(MgcHost.Tick.POM_STEP, Duration.ofNanos(delay));
  }

  // ---- the trace, as POM writes it ---------------------------------------------------------------------------

  void decision(String rule, String why, Object... keyValues) {
    trace.decision(rule, why, keyValues);
  }

  void warning(String rule, String why) {
    trace.warning(rule, why);
  }

  void view(String key, Object value) {
    trace.view(key, value);
  }

  void state(String to, String rule) {
    trace.state(to, rule);
  }

  void log(String level, String rule, String message) {
    emit(() -> trace.log(level, rule, message));
  }
}
