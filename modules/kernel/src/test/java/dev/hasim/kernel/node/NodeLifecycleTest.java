package dev.hasim.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.kernel.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** The kernel, not the model, reports how a node's actor ended: the runtime watches every node actor. */
class NodeLifecycleTest {
  private static List<String> story(List<TraceEvent> events) {
    return events.stream()
        .filter(e -> e.is("node_error") || e.is("role") || e.is("log"))
        .map(e -> e.tMs() + " " + e.kind() + " " + (e.is("node_error") ? e.string("error")
            : e.is("role") ? e.string("to") + (e.string("why") == null ? "" : " (" + e.string("why") + ")")
            : e.string("message")))
        .toList();
  }

  @Test
  void anErrorInANodesCodeIsRecordedAndTheNodeGoesDown() {
    try (SimulationRuntime runtime = new SimulationRuntime("errors")) {
      List<String> story = story(OneNode.run(runtime, 1_000, env -> Behaviors.<String>setup(ctx -> {
        env.trace().role("UP", null);
        env.timers(ctx).startSingleTimer("boom", "boom", Duration.ofMillis(200));
        env.timers(ctx).startTimerAtFixedRate("beat", "beat", Duration.ofMillis(150));
        return Behaviors.receiveMessage(m -> {
          env.trace().log("info", null, m);
          if (m.equals("boom")) {
            throw new IllegalStateException("a bug in the model");
          }
          return Behaviors.same();
        });
      })));
      assertEquals(List.of("0 role STARTING", "0 role UP", "150 log beat", "200 log boom",
          "200 node_error IllegalStateException: a bug in the model",
          "200 role DOWN (stopped by an error in its code)"), story);
    }
  }

  @Test
  void aCrashedNodeHandlesNothingMoreEvenWhatWasAlreadyDue() {
    try (SimulationRuntime runtime = new SimulationRuntime("crash")) {
      List<String> story = story(OneNode.run(runtime, 1_000, env -> Behaviors.<String>setup(ctx -> {
        env.trace().role("UP", null);
        env.timers(ctx).startSingleTimer("due", "due at the crash", Duration.ofMillis(500));
        return Behaviors.receiveMessage(m -> {
          env.trace().log("info", null, m);
          return Behaviors.same();
        });
      }), "500"));
      assertEquals(List.of("0 role STARTING", "0 role UP", "500 role DOWN (test)"), story);
    }
  }
}
