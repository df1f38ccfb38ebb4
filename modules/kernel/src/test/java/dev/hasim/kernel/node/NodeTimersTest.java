package dev.hasim.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.kernel.trace.Trace;
import dev.hasim.kernel.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Node timers keep Pekko's timer semantics: replace by key, and a timer cancelled after firing is not seen. */
class NodeTimersTest {
  private static List<String> run(long untilMs, Function<NodeEnv, Behavior<?>> behavior, String... crashAtMs) {
    try (SimulationRuntime runtime = new SimulationRuntime("timers")) {
      Trace trace = new Trace(runtime.timeline());
      Fabric fabric = new Fabric(runtime.timeline(), new LinkTable(new LinkOptions(1, 0, 0), Map.of()),
          new SplittableRandom(1));
      NodeDirectory nodes = new NodeDirectory(runtime, fabric, trace);
      nodes.add(new NodeSpec("n", "test", behavior, "stop", 0L));
      runtime.timeline().scheduleAt(0, () -> nodes.start("n"));
      for (String at : crashAtMs) {
        runtime.timeline().scheduleAt(Long.parseLong(at) * 1_000_000, () -> nodes.crash("n", "test"));
      }
      runtime.runUntil(untilMs, ActorRuntime.Progress.NONE);
      return trace.events().stream().filter(e -> e.is("log"))
          .map((TraceEvent e) -> e.tMs() + " " + e.string("message")).toList();
    }
  }

  @Test
  void aTimerCancelledAfterItFiredButBeforeItWasHandledIsNeverHandled() {
    List<String> log = run(1_000, env -> Behaviors.<String>setup(ctx -> {
      var timers = env.timers(ctx);
      timers.startSingleTimer("canceller", "cancel silence", Duration.ofMillis(100));
      timers.startSingleTimer("silence", "silence", Duration.ofMillis(100));
      return Behaviors.receiveMessage(m -> {
        env.trace().log("info", null, m);
        if (m.equals("cancel silence")) {
          timers.cancel("silence"); // both fired at 100 ms: "silence" already waits in the mailbox
        }
        return Behaviors.same();
      });
    }));
    assertEquals(List.of("100 cancel silence"), log);
  }

  @Test
  void startingATimerAgainReplacesItAndFixedRateRepeats() {
    List<String> log = run(1_000, env -> Behaviors.<String>setup(ctx -> {
      var timers = env.timers(ctx);
      timers.startSingleTimer("t", "first", Duration.ofMillis(100));
      timers.startSingleTimer("t", "second", Duration.ofMillis(200));
      timers.startTimerAtFixedRate("beat", "beat", Duration.ofMillis(400));
      return Behaviors.receiveMessage(m -> {
        env.trace().log("info", null, m + " active=" + timers.isTimerActive("t"));
        return Behaviors.same();
      });
    }));
    assertEquals(List.of("200 second active=false", "400 beat active=false", "800 beat active=false"), log);
  }

  @Test
  void aCrashedIncarnationsTimersDieWithIt() {
    List<String> log = run(1_000, env -> Behaviors.<String>setup(ctx -> {
      env.timers(ctx).startTimerAtFixedRate("beat", "beat", Duration.ofMillis(300));
      return Behaviors.receiveMessage(m -> {
        env.trace().log("info", null, m);
        return Behaviors.same();
      });
    }), "500");
    assertEquals(List.of("300 beat"), log);
  }
}
