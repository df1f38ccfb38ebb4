package dev.hasim.kernel.runtime;

import com.typesafe.config.ConfigFactory;
import dev.hasim.kernel.time.Timeline;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The same node behaviours on a plain actor system with its normal scheduler and thread pools, against the
 * wall clock: for demonstrations and for showing that the model does not depend on virtual time. Not
 * deterministic, by nature.
 */
public final class RealtimeRuntime implements ActorRuntime {
  private final ActorSystem system;
  private final WallTimeline timeline;
  private final ActorRef<Nursery.Command> nursery;

  public RealtimeRuntime(String systemName) {
    this.system = ActorSystem.create(systemName,
        ConfigFactory.parseResources("hasim-common.conf").withFallback(ConfigFactory.defaultReference()));
    this.timeline = new WallTimeline(system);
    this.nursery = Adapter.spawn(system, Nursery.create(), "nodes", Props.empty());
  }

  @Override
  public Timeline timeline() {
    return timeline;
  }

  @Override
  public void spawn(Behavior<Object> behavior, String actorName, Consumer<ActorRef<Object>> whenSpawned,
      Consumer<Throwable> whenStopped) {
    nursery.tell(new Nursery.Spawn(behavior, actorName, Props.empty(), whenSpawned, whenStopped));
  }

  @Override
  public void stop(ActorRef<Object> node) {
    nursery.tell(new Nursery.Stop(node));
  }

  @Override
  public void runUntil(long endMs, Progress progress) {
    CountDownLatch never = new CountDownLatch(1);
    while (timeline.nowMs() < endMs) {
      long waitMs = Math.min(250, endMs - timeline.nowMs());
      try {
        never.await(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
      progress.at(Math.min(timeline.nowMs(), endMs), endMs, 0);
    }
  }

  @Override
  public void close() {
    nursery.tell(Nursery.StopAll.INSTANCE);
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Best effort: the run's result is already complete.
    }
  }

  /** Milliseconds since the runtime started, on the JVM's monotonic clock. */
  private static final class WallTimeline implements Timeline {
    private final ActorSystem system;
    private final long originNanos = System.nanoTime();

    WallTimeline(ActorSystem system) {
      this.system = system;
    }

    @Override
    public long nowNanos() {
      return System.nanoTime() - originNanos;
    }

    @Override
    public void scheduleAt(long atNanos, Runnable task) {
      long delayNanos = Math.max(0, atNanos - nowNanos());
      system.scheduler().scheduleOnce(Duration.ofNanos(delayNanos), task, system.dispatcher());
    }
  }
}
