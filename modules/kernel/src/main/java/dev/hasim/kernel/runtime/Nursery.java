package dev.hasim.kernel.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The parent of every node actor. Top-level actors made with {@code system.actorOf} are initialised
 * asynchronously by Pekko's guardian, on a real thread, at a moment nobody controls; children made with
 * {@code ctx.spawn} are initialised synchronously by their parent. So node actors are spawned here, by an actor
 * on the simulation dispatcher, and their creation takes its place in the driver's deterministic order.
 */
final class Nursery {
  sealed interface Command permits Spawn, Ready, StopAll {}

  /** Spawn a child and hand its ref to {@code whenSpawned}, on this actor's thread. */
  record Spawn(Behavior<Object> behavior, String name, Props props, Consumer<ActorRef<Object>> whenSpawned)
      implements Command {}

  /** Answered once the nursery runs: from then on, messages to it are enqueued by the sender's thread. */
  record Ready(CompletableFuture<Void> running) implements Command {}

  /** The run is over: stop every node actor (and so its timers) before the system shuts down. */
  enum StopAll implements Command { INSTANCE }

  private Nursery() {}

  static Behavior<Command> create() {
    return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
        .onMessage(Spawn.class, spawn -> {
          spawn.whenSpawned().accept(ctx.spawn(spawn.behavior(), spawn.name(), spawn.props()));
          return Behaviors.same();
        })
        .onMessageEquals(StopAll.INSTANCE, Behaviors::stopped)
        .onMessage(Ready.class, ready -> {
          ready.running().complete(null);
          return Behaviors.same();
        })
        .build());
  }
}
