package dev.hasim.kernel.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The parent of every node actor. Top-level actors made with {@code system.actorOf} are initialised
 * asynchronously by Pekko's guardian, on a real thread, at a moment nobody controls; children made with
 * {@code ctx.spawn} are initialised synchronously by their parent. So node actors are spawned here, by an actor
 * on the simulation dispatcher, and their creation takes its place in the driver's deterministic order.
 *
 * <p>It also watches them: a node's stop — graceful, crashed or failed — is reported from here, so the node
 * actors themselves carry no wrapper that every message would have to pass through.
 */
final class Nursery {
  sealed interface Command permits Spawn, Stop, Ready, StopAll, StopChildren, Emptied {}

  /**
   * Spawn a child and hand its ref to {@code whenSpawned}, on this actor's thread; once it has stopped, call
   * {@code whenStopped} with its failure, or null if it stopped normally.
   */
  record Spawn(Behavior<Object> behavior, String name, Props props, Consumer<ActorRef<Object>> whenSpawned,
      Consumer<Throwable> whenStopped) implements Command {}

  /** Stop a child: a system message, so it handles nothing that waits in its mailbox. */
  record Stop(ActorRef<Object> child) implements Command {}

  /** Answered once the nursery runs: from then on, messages to it are enqueued by the sender's thread. */
  record Ready(CompletableFuture<Void> running) implements Command {}

  /** The run is over: stop every node actor before the system shuts down. */
  enum StopAll implements Command { INSTANCE }

  /**
   * The run is over and the actor system will serve another (a pooled runtime): stop every node actor without
   * reporting it (the run's directory is gone), and stay.
   */
  enum StopChildren implements Command { INSTANCE }

  /** Answers whether every child has gone, its name free again: asked after {@link StopChildren} has drained. */
  record Emptied(CompletableFuture<Boolean> answer) implements Command {}

  private Nursery() {}

  static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      Map<ActorRef<?>, Consumer<Throwable>> watching = new HashMap<>();
      return Behaviors.receive(Command.class)
          .onMessage(Spawn.class, spawn -> {
            ActorRef<Object> child = ctx.spawn(spawn.behavior(), spawn.name(), spawn.props());
            ctx.watch(child);
            watching.put(child, spawn.whenStopped());
            spawn.whenSpawned().accept(child);
            return Behaviors.same();
          })
          .onMessage(Stop.class, stop -> {
            ctx.stop(stop.child());
            return Behaviors.same();
          })
          .onSignal(ChildFailed.class, failed -> {
            stopped(watching, failed.getRef(), failed.getCause());
            return Behaviors.same();
          })
          .onSignal(Terminated.class, terminated -> {
            stopped(watching, terminated.getRef(), null);
            return Behaviors.same();
          })
          .onMessageEquals(StopAll.INSTANCE, Behaviors::stopped)
          .onMessageEquals(StopChildren.INSTANCE, () -> {
            watching.clear();
            for (ActorRef<Void> child : ctx.getChildren()) {
              ctx.unwatch(child);
              ctx.stop(child);
            }
            return Behaviors.same();
          })
          .onMessage(Emptied.class, emptied -> {
            emptied.answer().complete(ctx.getChildren().isEmpty() && watching.isEmpty());
            return Behaviors.same();
          })
          .onMessage(Ready.class, ready -> {
            ready.running().complete(null);
            return Behaviors.same();
          })
          .build();
    });
  }

  private static void stopped(Map<ActorRef<?>, Consumer<Throwable>> watching, ActorRef<?> child, Throwable failure) {
    Consumer<Throwable> whenStopped = watching.remove(child);
    if (whenStopped != null) {
      whenStopped.accept(failure);
    }
  }
}
