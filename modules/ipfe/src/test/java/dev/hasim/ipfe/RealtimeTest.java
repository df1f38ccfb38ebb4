package dev.hasim.ipfe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.kernel.runtime.ActorRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same IPFE actors on a plain actor system against the wall clock. Wall time is not exact, so the
 * bounds are generous; what must hold is the behaviour: raised after the cut, cleared after the heal.
 */
class RealtimeTest {
  @Test
  void anIpfePairRaisesAndClears5003InRealTime() throws Exception {
    RunResult r = ScenarioRunner.run(IpfeHarness.LOADER.parse("realtime.yaml", """
            name: realtime
            duration: 3s
            topology:
              ipfe:
                - servers: [IPFE-A1, IPFE-A2]
            events:
              - {at: 500ms, cut: [IPFE-A1, IPFE-A2]}
              - {at: 1700ms, heal: [IPFE-A1, IPFE-A2]}
            """), new ScenarioRunner.Options(null, true, ActorRuntime.Progress.NONE));
    List<TraceEvent> raised = alarms(r, "alarm_raised");
    List<TraceEvent> cleared = alarms(r, "alarm_cleared");
    assertFalse(raised.isEmpty(), "5003 raised after the cut");
    assertFalse(cleared.isEmpty(), "5003 cleared after the heal");
    long raisedAt = raised.get(0).tMs();
    long clearedAt = cleared.get(cleared.size() - 1).tMs();
    assertTrue(raisedAt >= 500 && raisedAt < 1_700, "raised at " + raisedAt + " ms");
    assertTrue(clearedAt >= 1_700 && clearedAt < 3_000, "cleared at " + clearedAt + " ms");
    assertTrue(r.realtime());
  }

  private static List<TraceEvent> alarms(RunResult r, String kind) {
    return r.events().stream().filter(e -> e.node().equals("IPFE-A1") && e.is(kind)).toList();
  }
}
