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
 * it, as on the real single-threaded process. Records go straight to the host's trace; only {@link #log} and
 * {@link #send} pass through here. No wall clock: the thread's clock is virtual time, and a timer
 * ({@link MgcHost.Tick#POM_STEP}) releases what is due.
 */
final class PomThread {
  private record Pending(long atNanos, Runnable effect, boolean send) {}

  /**
   * A handler that leaves this much waiting loops: a prov-sync of the seed's library (8 versions of 55 files)
   * leaves about 600 lines at once, about 1.4 a file; the largest library a scenario may declare (2,000 files a
   * version) with a few hundred versions stays below it.
   */
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

  /** A message to the peer, sent once the steps before it are done; {@link #dropSends} forgets it. */
  void send(Runnable send) {
    emit(send, true);
  }

  /**
   * MGC-2: the links to the peer went down and its transfers were aborted: the messages of that work that POM had
   * not reached yet are never sent (they would otherwise leave after the abort, for a job that no longer exists).
   */
  void dropSends() {
    pending.removeIf(Pending::send);
    if (pending.isEmpty()) {
      timers.cancel(MgcHost.Tick.POM_STEP);
    }
  }

  /** Runs {@code effect} now if the thread is idle, else once the steps spent before it are done. */
  private void emit(Runnable effect, boolean send) {
    long now = env.nowNanos();
    if (pending.isEmpty() && freeAtNanos <= now) {
      effect.run();
      return;
    }
    if (pending.size() >= MAX_PENDING) {
      throw new IllegalStateException("ProvObjectManager has " + MAX_PENDING + " steps waiting: a handler loops");
    }
    pending.add(new Pending(Math.max(freeAtNanos, now), effect, send));
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

  // ---- platform.log, as POM writes it -------------------------------------------------------------------------

  void log(String level, String rule, String message) {
    emit(() -> trace.log(level, rule, message), false);
  }
}
