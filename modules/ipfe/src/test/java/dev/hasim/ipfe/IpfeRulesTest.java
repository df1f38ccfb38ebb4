package dev.hasim.ipfe;

import static dev.hasim.ipfe.IpfeHarness.pair;
import static dev.hasim.scenario.testing.ScenarioHarness.decisions;
import static dev.hasim.scenario.testing.ScenarioHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.run.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per IPFE rule of docs/rules.md, named with its ID. */
class IpfeRulesTest {

  // ---- IPFE-1: at most four servers, A1↔A2 and B1↔B2 mated, B only with A --------------------------------

  @Test
  void IPFE_1_validLayoutsAreTheSmallAndTheBigDsr() {
    assertTrue(IpfeLayout.problem(List.of("IPFE-A1", "IPFE-A2")).isEmpty());
    assertTrue(IpfeLayout.problem(List.of("IPFE-A1", "IPFE-A2", "IPFE-B1", "IPFE-B2")).isEmpty());
  }

  @Test
  void IPFE_1_anyOtherLayoutIsAConfigurationErrorAtTheServersLine() {
    String[][] invalid = {
        {"IPFE-A1"},                                      // no mate
        {"IPFE-A1", "IPFE-A2", "IPFE-B1"},                // B1 without B2
        {"IPFE-B1", "IPFE-B2"},                           // B without A
        {"IPFE-A1", "IPFE-A2", "IPFE-C1"},                // no such server
        {"IPFE-A1", "IPFE-A2", "IPFE-A1"},                // listed twice
    };
    for (String[] servers : invalid) {
      String yaml = """
          name: bad-layout
          duration: 10s
          topology:
            ipfe:
              - servers: [%s]
          """.formatted(String.join(", ", servers));
      ScenarioException e = assertThrows(ScenarioException.class, () -> IpfeHarness.LOADER.parse("t.yaml", yaml),
          String.join(",", servers));
      assertTrue(e.getMessage().startsWith("t.yaml:5:16: servers: invalid IPFE layout"), e.getMessage());
      assertTrue(e.getMessage().contains("(IPFE-1"), e.getMessage());
    }
  }

  @Test
  void IPFE_1_eachServerKnowsItsMateAndOnlyItsMate() {
    RunResult r = IpfeHarness.HARNESS.run("""
        name: big
        duration: 2s
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2, IPFE-B1, IPFE-B2]
        """);
    assertEquals("IPFE-A2", decisions(r, "IPFE-A1", "IPFE-2").get(0).string("mate"));
    assertEquals("IPFE-B1", decisions(r, "IPFE-B2", "IPFE-2").get(0).string("mate"));
  }

  // ---- IPFE-2: heartbeat every 500 ms, state data syncs ---------------------------------------------------

  @Test
  void IPFE_2_matesHeartbeatEvery500MsAndSync() {
    RunResult r = IpfeHarness.HARNESS.run(pair("10s"));
    // Two servers, one heartbeat each per 500 ms: 20 each in 10 s, plus the one sent at start.
    assertEquals(2 * (10_000 / 500 + 1), r.stats().messagesSent(), "heartbeats sent");
    assertEquals("SYNCED", r.finalState().get("IPFE-A1").state());
    assertTrue(events(r, "IPFE-A1", "alarm_raised").isEmpty());
    assertTrue(r.violations().isEmpty());
  }

  @Test
  void IPFE_2_theHeartbeatPeriodIsConfigurable() {
    RunResult r = IpfeHarness.HARNESS.run(IpfeHarness.pairWith("10s", "heartbeat: 1s"));
    assertEquals(2 * (10 + 1), r.stats().messagesSent());
  }

  // ---- IPFE-3: a missed heartbeat, or an unavailable mate, raises 5003 ------------------------------------

  @Test
  void IPFE_3_aMissedHeartbeatRaises5003AfterOneIntervalPlusTolerance() {
    RunResult r = IpfeHarness.HARNESS.run(pair("5s", "{at: 2s, cut: [IPFE-A1, IPFE-A2]}"));
    List<TraceEvent> raised = events(r, "IPFE-A1", "alarm_raised");
    assertEquals(1, raised.size());
    assertEquals(5003, raised.get(0).number("code"));
    // Last heartbeat delivered at 1.501 s; 750 ms of silence later the alarm is up.
    assertEquals(2_251, raised.get(0).tMs());
    assertTrue(decisions(r, "IPFE-A1", "IPFE-3").get(0).string("why").contains("missed heartbeat"));
  }

  @Test
  void IPFE_3_theThresholdOfMissedIntervalsIsConfigurable() {
    RunResult r = IpfeHarness.HARNESS.run(
        IpfeHarness.pairWith("5s", "alarm_after_missed: 3", "{at: 2s, cut: [IPFE-A1, IPFE-A2]}"));
    assertEquals(1_501 + 3 * 500 + 250, events(r, "IPFE-A1", "alarm_raised").get(0).tMs());
  }

  @Test
  void IPFE_3_aCrashedMateIsMissedThroughSilenceAlone() {
    RunResult r = IpfeHarness.HARNESS.run(pair("5s", "{at: 2s, crash: IPFE-A2}"));
    assertEquals("DOWN", r.finalState().get("IPFE-A2").role());
    assertEquals(List.of(5003), r.finalState().get("IPFE-A1").alarms());
    assertTrue(decisions(r, "IPFE-A1", "IPFE-3").get(0).string("why").contains("missed heartbeat"));
  }

  @Test
  void IPFE_3_aOneWayLossRaisesTheAlarmAtBothEnds() {
    RunResult r = IpfeHarness.HARNESS.run(pair("8s", "{at: 2s, cut: {from: IPFE-A1, to: IPFE-A2}}"));
    assertEquals(List.of(5003), r.finalState().get("IPFE-A2").alarms());
    assertEquals(List.of(5003), r.finalState().get("IPFE-A1").alarms());
    assertTrue(decisions(r, "IPFE-A1", "IPFE-3").get(0).string("why").contains("has not received our heartbeats"));
    assertTrue(r.violations().isEmpty(), r.violations().toString());
  }

  @Test
  void IPFE_3_aMateThatNeverStartsIsUnavailable() {
    RunResult r = IpfeHarness.HARNESS.run(IpfeHarness.pairWith("3s", "start: {IPFE-A2: never}"));
    assertEquals(750, events(r, "IPFE-A1", "alarm_raised").get(0).tMs());
  }

  // ---- IPFE-4: expected during maintenance; clears when sync resumes --------------------------------------

  @Test
  void IPFE_4_aMaintenanceShutdownRaisesTheAlarmAtOnce() {
    RunResult r = IpfeHarness.HARNESS.run(pair("5s", "{at: 2s, shutdown: IPFE-A2}"));
    TraceEvent raised = events(r, "IPFE-A1", "alarm_raised").get(0);
    assertEquals(2_001, raised.tMs(), "one link latency after the shutdown notice, not a silence timeout later");
    assertTrue(decisions(r, "IPFE-A1", "IPFE-3").get(0).string("why").contains("maintenance"));
    assertTrue(decisions(r, "IPFE-A2", "IPFE-4").get(0).string("why").contains("telling mate"));
  }

  @Test
  void IPFE_4_theAlarmClearsWhenStateDataSyncsAgain() {
    RunResult r = IpfeHarness.HARNESS.run(pair("10s", "{at: 2s, cut: [IPFE-A1, IPFE-A2]}", "{at: 5s, heal: [IPFE-A1, IPFE-A2]}"));
    List<TraceEvent> cleared = events(r, "IPFE-A1", "alarm_cleared");
    assertEquals(1, cleared.size());
    assertTrue(cleared.get(0).tMs() > 5_000 && cleared.get(0).tMs() <= 5_000 + 500 + 1, "within one heartbeat");
    assertEquals("IPFE-4", cleared.get(0).string("rule"));
    assertEquals("SYNCED", r.finalState().get("IPFE-A1").state());
  }

  @Test
  void IPFE_4_aRestartedMateClearsTheAlarmOnceHeartbeatsFlowBothWays() {
    RunResult r = IpfeHarness.HARNESS.run(pair("10s", "{at: 2s, crash: {node: IPFE-A2, restart_after: 3s}}"));
    assertTrue(r.finalState().get("IPFE-A1").alarms().isEmpty());
    assertEquals("UP", r.finalState().get("IPFE-A2").role());
    assertTrue(events(r, "IPFE-A1", "alarm_cleared").get(0).tMs() >= 5_000);
    assertTrue(r.violations().isEmpty(), r.violations().toString());
  }

  // ---- The invariant itself must be able to fail ----------------------------------------------------------

  @Test
  void alarmMatchesReachabilityCatchesAnAlarmThatNeverCame() {
    RunResult honest = IpfeHarness.HARNESS.run(pair("10s", "{at: 2s, cut: [IPFE-A1, IPFE-A2]}"));
    // Rewrite the trace as if IPFE-A1 had never raised its alarm: the invariant must notice.
    List<TraceEvent> doctored = honest.events().stream()
        .filter(e -> !(e.node().equals("IPFE-A1") && e.is("alarm_raised"))).toList();
    var violations = dev.hasim.kernel.check.InvariantMonitor.check(doctored, honest.scenario().nodeNames(),
        honest.scenario().linkTable(), honest.scenario().invariants(), 10_000);
    assertEquals(1, violations.size());
    assertEquals("IPFE-A1", violations.get(0).subject());
    assertTrue(violations.get(0).detail().contains("no alarm 5003"));
  }
}
