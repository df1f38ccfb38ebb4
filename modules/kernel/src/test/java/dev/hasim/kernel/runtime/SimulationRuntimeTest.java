package dev.hasim.kernel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hasim.kernel.time.DriverMailbox;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.actor.ActorRefWithCell;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class SimulationRuntimeTest {
  /** A Pekko Typed actor with a fixed-rate timer, logging the virtual time of each tick. */
  private static Behavior<Object> ticker(SimulationRuntime runtime, List<String> log, String name) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerAtFixedRate("tick", "tick", Duration.ofMillis(400));
      log.add(runtime.timeline().nowMs() + " " + name + " started on " + Thread.currentThread().getName());
      return Behaviors.receiveMessage(message -> {
        log.add(runtime.timeline().nowMs() + " " + name + " " + message);
        return Behaviors.same();
      });
    }));
  }

  @Test
  void actorTimersRunInVirtualTimeOnTheDriverThreadInADeterministicOrder() {
    List<String> log = new ArrayList<>();
    String driver = Thread.currentThread().getName();
    try (SimulationRuntime runtime = new SimulationRuntime("test")) {
      runtime.spawn(ticker(runtime, log, "x"), "x", ref -> {}, failure -> {});
      runtime.spawn(ticker(runtime, log, "y"), "y", ref -> {}, failure -> {});
      runtime.runUntil(1_000, ActorRuntime.Progress.NONE);
      assertEquals(1_000, runtime.timeline().nowMs());
    }
    assertEquals(List.of(
        "0 x started on " + driver, "0 y started on " + driver,
        "400 x tick", "400 y tick", "800 x tick", "800 y tick"), log);
  }

  @Test
  void aLeasedRuntimeComesBackAtVirtualTimeZeroWithNothingQueuedNoNodeAndItsNamesFree() throws Exception {
    List<String> first = new ArrayList<>();
    SimulationRuntime runtime = SimulationRuntime.lease();
    runtime.spawn(ticker(runtime, first, "x"), "x", ref -> {}, failure -> {});
    runtime.runUntil(1_000, ActorRuntime.Progress.NONE);
    List<Throwable> stopReports = new ArrayList<>();
    runtime.spawn(Behaviors.ignore(), "y", ref -> {}, stopReports::add);
    runtime.close();

    // Another thread takes it over, as a sweep's job threads do.
    List<String> second = new ArrayList<>();
    Thread other = new Thread(() -> {
      try (SimulationRuntime again = SimulationRuntime.lease()) {
        assertEquals(true, again == runtime, "the pool handed back the same actor system");
        assertEquals(0, again.scheduler().nowNanos());
        assertEquals(0, again.scheduler().queued(), "no timer of the last run is left");
        again.spawn(ticker(again, second, "x"), "x", ref -> {}, failure -> {}); // the same name, free again
        again.runUntil(1_000, ActorRuntime.Progress.NONE);
      }
    }, "second-driver");
    other.start();
    other.join();
    assertEquals(List.of(), stopReports, "a node stopped between runs is not reported to the finished run");
    assertEquals(first.subList(1, first.size()), second.subList(1, second.size()));
    assertEquals("0 x started on second-driver", second.get(0));
  }

  @Test
  void anHourOfVirtualTimeTakesFarLessThanAnHour() {
    List<String> log = new ArrayList<>();
    try (SimulationRuntime runtime = new SimulationRuntime("test")) {
      runtime.spawn(ticker(runtime, log, "x"), "x", ref -> {}, failure -> {});
      runtime.runUntil(3_600_000, ActorRuntime.Progress.NONE);
    }
    assertEquals(1 + 9_000, log.size());
  }

  @Test
  void nodeActorsQueueInTheDriverMailboxNotPekkosDefault() {
    AtomicReference<ActorRef<Object>> spawned = new AtomicReference<>();
    try (SimulationRuntime runtime = new SimulationRuntime("test")) {
      runtime.spawn(Behaviors.ignore(), "x", spawned::set, failure -> {});
      runtime.runUntil(0, ActorRuntime.Progress.NONE);
      ActorCell cell = (ActorCell) ((ActorRefWithCell) Adapter.toClassic(spawned.get())).underlying();
      assertInstanceOf(DriverMailbox.Queue.class, cell.mailbox().messageQueue());
    }
  }

  /**
   * The driver dispatcher (no compare-and-set per message) runs the nodes, and a node still handles every message,
   * its own to itself included, and is idle, not scheduled, once the driver has drained.
   */
  @Test
  void nodeActorsRunOnTheDriverDispatcherAndHandleEveryMessage() {
    AtomicReference<ActorRef<Object>> spawned = new AtomicReference<>();
    List<Object> handled = new ArrayList<>();
    Behavior<Object> echo = Behaviors.receive((ctx, message) -> {
      handled.add(message);
      if (message instanceof Integer n && n < 3) {
        ctx.getSelf().tell(n + 1);
      }
      return Behaviors.same();
    });
    try (SimulationRuntime runtime = new SimulationRuntime("test")) {
      runtime.spawn(echo, "x", spawned::set, failure -> {});
      runtime.runUntil(0, ActorRuntime.Progress.NONE);
      spawned.get().tell(1);
      spawned.get().tell("b");
      runtime.runUntil(1, ActorRuntime.Progress.NONE);
      assertEquals(List.of(1, "b", 2, 3), handled);
      ActorCell cell = (ActorCell) ((ActorRefWithCell) Adapter.toClassic(spawned.get())).underlying();
      assertEquals("DriverDispatcher", cell.dispatcher().getClass().getSimpleName());
      assertEquals(false, cell.mailbox().isScheduled());
    }
  }

  @Test
  void theHeapIsCompactedOnceAfterThousandsOfNodesStartNotForAFewNodes() {
    int[] compactions = {0};
    try (SimulationRuntime runtime = new SimulationRuntime("test", () -> compactions[0]++)) {
      runtime.spawn(Behaviors.ignore(), "few", ref -> {}, failure -> {});
      runtime.runUntil(0, ActorRuntime.Progress.NONE);
      assertEquals(0, compactions[0], "one node started: nothing worth moving");

      for (int i = 1; i < SimulationRuntime.COMPACT_AFTER_STARTS; i++) {
        runtime.spawn(Behaviors.ignore(), "n" + i, ref -> {}, failure -> {});
      }
      runtime.runUntil(10, ActorRuntime.Progress.NONE);
      assertEquals(1, compactions[0], "the threshold reached: one compaction");

      runtime.runUntil(20, ActorRuntime.Progress.NONE);
      assertEquals(1, compactions[0], "and none while no more nodes start");
    }
  }
}
