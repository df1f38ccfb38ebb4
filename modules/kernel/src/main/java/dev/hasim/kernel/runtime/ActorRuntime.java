package dev.hasim.kernel.runtime;

import dev.hasim.kernel.time.Timeline;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Where node actors live: the same behaviours run in virtual time ({@link SimulationRuntime}) or against the
 * wall clock ({@link RealtimeRuntime}). The scenario runner sees only this.
 */
public interface ActorRuntime extends AutoCloseable {
  Timeline timeline();

  /**
   * Spawns a node actor; {@code actorName} must be unique among live node actors. The ref is handed to
   * {@code whenSpawned} once the actor exists: in simulation, during the same instant, before any later task.
   * Once it has stopped, for whatever reason, {@code whenStopped} gets its failure (null: it stopped normally),
   * unless the whole runtime is closing.
   */
  void spawn(Behavior<Object> behavior, String actorName, Consumer<ActorRef<Object>> whenSpawned,
      Consumer<Throwable> whenStopped);

  /** Stops a node actor before it handles anything more; in simulation, within the same instant. */
  void stop(ActorRef<Object> node);

  /** Lets time run until {@code endMs}, then returns; nothing scheduled after it has run. */
  void runUntil(long endMs, Progress progress);

  /** Stops every actor and the actor system. */
  @Override
  void close();

  /** Called now and then during a run, on the driver thread. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = (nowMs, endMs, tasksRun) -> {};

    void at(long nowMs, long endMs, long tasksRun);
  }
}
