package dev.hasim.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.kernel.runtime.RealtimeRuntime;
import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.kernel.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Node timers keep Pekko's timer semantics: replace by key, and a timer cancelled after firing is not seen. */
class NodeTimersTest {
  private static List<String> run(long untilMs, Function<NodeEnv, Behavior<?>> behavior, String... crashAtMs) {
    try (SimulationRuntime runtime = new SimulationRuntime("timers")) {
      return logLines(OneNode.run(runtime, untilMs, behavior, crashAtMs));
    }
  }

  private static List<String> logLines(List<TraceEvent> events) {
    return events.stream().filter(e -> e.is("log")).map(e -> e.tMs() + " " + e.string("message")).toList();
  }

  /** Two timers due at once; handling the first cancels the second, which must then never be handled. */
  private static Behavior<String> cancelsItsTwin(NodeEnv env) {
    return Behaviors.setup(ctx -> {
      var timers = env.timers(ctx);
      timers.startSingleTimer("canceller", "cancel silence", Duration.ofMillis(100));
      timers.startSingleTimer("silence", "silence", Duration.ofMillis(100));
      return Behaviors.receiveMessage(m -> {
        env.trace().log("info", null, m);
        if (m.equals("cancel silence")) {
          timers.cancel("silence");
        }
        return Behaviors.same();
      });
    });
  }

  @Test
  void aTimerCancelledAfterItFiredButBeforeItWasHandledIsNeverHandled() {
    assertEquals(List.of("100 cancel silence"), run(1_000, NodeTimersTest::cancelsItsTwin));
  }

  /**
   * On the wall clock both may already wait in the mailbox when the first is handled: the envelope of the
   * cancelled one is opened, found stale and dropped (in virtual time it is checked as it fires instead).
   */
  @Test
  void onTheWallClockAStaleTimerIsDroppedWhereItIsHandled() {
    try (RealtimeRuntime runtime = new RealtimeRuntime("timers-live")) {
      List<String> log = logLines(OneNode.run(runtime, 400, NodeTimersTest::cancelsItsTwin));
      assertEquals(List.of("cancel silence"), log.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList());
    }
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
