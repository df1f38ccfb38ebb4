package dev.hasim.ipfe;

import static dev.hasim.ipfe.IpfeHarness.pair;
import static dev.hasim.ipfe.IpfeHarness.pairWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Topology;
import dev.hasim.testkit.Until;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per IPFE rule of docs/rules.md, named with its ID. */
class IpfeRulesTest {
  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

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

  @HasimTest
  void IPFE_1_eachServerKnowsItsMateAndOnlyItsMate(Hasim hasim) {
    Sim r = hasim.topology(Topology.ipfe("IPFE-A1", "IPFE-A2", "IPFE-B1", "IPFE-B2")).start().advance(s(2));
    assertEquals("IPFE-A2", r.decisions("IPFE-A1", "IPFE-2").get(0).string("mate"));
    assertEquals("IPFE-B1", r.decisions("IPFE-B2", "IPFE-2").get(0).string("mate"));
  }

  // ---- IPFE-2: heartbeat every 500 ms, state data syncs ---------------------------------------------------

  @HasimTest
  void IPFE_2_matesHeartbeatEvery500MsAndSync(Hasim hasim) {
    Sim r = pair(hasim).advance(s(10));
    r.finish();
    // Two servers, one heartbeat each per 500 ms: 20 each in 10 s, plus the one sent at start.
    assertEquals(2 * (10_000 / 500 + 1), r.result().stats().messagesSent(), "heartbeats sent");
    assertEquals("SYNCED", r.state("IPFE-A1"));
    assertTrue(r.events("IPFE-A1", "alarm_raised").isEmpty());
    assertTrue(r.result().violations().isEmpty());
  }

  @HasimTest
  void IPFE_2_theHeartbeatPeriodIsConfigurable(Hasim hasim) {
    Sim r = pairWith(hasim, "heartbeat: 1s").advance(s(10));
    r.finish();
    assertEquals(2 * (10 + 1), r.result().stats().messagesSent());
  }

  // ---- IPFE-3: a missed heartbeat, or an unavailable mate, raises 5003 ------------------------------------

  @HasimTest
  void IPFE_3_aMissedHeartbeatRaises5003AfterOneIntervalPlusTolerance(Hasim hasim) {
    Sim r = pair(hasim).advance(s(2)).cut("IPFE-A1", "IPFE-A2").advance(s(3));
    List<TraceEvent> raised = r.events("IPFE-A1", "alarm_raised");
    assertEquals(1, raised.size());
    assertEquals(5003, raised.get(0).number("code"));
    // Last heartbeat delivered at 1.501 s; 750 ms of silence later the alarm is up.
    assertEquals(2_251, raised.get(0).tMs());
    assertTrue(r.decisions("IPFE-A1", "IPFE-3").get(0).string("why").contains("missed heartbeat"));
  }

  @HasimTest
  void IPFE_3_theThresholdOfMissedIntervalsIsConfigurable(Hasim hasim) {
    Sim r = pairWith(hasim, "alarm_after_missed: 3").advance(s(2)).cut("IPFE-A1", "IPFE-A2").advance(s(3));
    assertEquals(1_501 + 3 * 500 + 250, r.events("IPFE-A1", "alarm_raised").get(0).tMs());
  }

  @HasimTest
  void IPFE_3_aCrashedMateIsMissedThroughSilenceAlone(Hasim hasim) {
    Sim r = pair(hasim).advance(s(2)).crash("IPFE-A2").advance(s(3));
    r.assertThat("IPFE-A2").isDown();
    assertEquals(Set.of(5003), r.alarms("IPFE-A1"));
    assertTrue(r.decisions("IPFE-A1", "IPFE-3").get(0).string("why").contains("missed heartbeat"));
  }

  @HasimTest
  void IPFE_3_aOneWayLossRaisesTheAlarmAtBothEnds(Hasim hasim) {
    Sim r = pair(hasim).advance(s(2)).cutOneWay("IPFE-A1", "IPFE-A2").advance(s(6));
    r.assertThat("IPFE-A2").hasAlarm(5003);
    r.assertThat("IPFE-A1").hasAlarm(5003);
    r.finish();
    assertTrue(r.decisions("IPFE-A1", "IPFE-3").get(0).string("why").contains("has not received our heartbeats"));
    assertTrue(r.result().violations().isEmpty(), r.result().violations().toString());
  }

  @HasimTest
  void IPFE_3_aMateThatNeverStartsIsUnavailable(Hasim hasim) {
    Sim r = pairWith(hasim, "start: {IPFE-A2: never}");
    assertEquals(Duration.ofMillis(750), r.advanceUntil(Until.alarm("IPFE-A1", 5003, true), s(3)));
  }

  // ---- IPFE-4: expected during maintenance; clears when sync resumes --------------------------------------

  @HasimTest
  void IPFE_4_aMaintenanceShutdownRaisesTheAlarmAtOnce(Hasim hasim) {
    Sim r = pair(hasim).advance(s(2)).shutdown("IPFE-A2").advance(s(3));
    TraceEvent raised = r.events("IPFE-A1", "alarm_raised").get(0);
    assertEquals(2_001, raised.tMs(), "one link latency after the shutdown notice, not a silence timeout later");
    assertTrue(r.decisions("IPFE-A1", "IPFE-3").get(0).string("why").contains("maintenance"));
    assertTrue(r.decisions("IPFE-A2", "IPFE-4").get(0).string("why").contains("telling mate"));
  }

  @HasimTest
  void IPFE_4_theAlarmClearsWhenStateDataSyncsAgain(Hasim hasim) {
    Sim r = pair(hasim);
    // Scheduled like a file's events: the heal comes before the heartbeats due at 5 s, which then get through.
    r.at(s(2)).cut("IPFE-A1", "IPFE-A2").at(s(5)).heal("IPFE-A1", "IPFE-A2");
    r.advance(s(10));
    List<TraceEvent> cleared = r.events("IPFE-A1", "alarm_cleared");
    assertEquals(1, cleared.size());
    assertTrue(cleared.get(0).tMs() > 5_000 && cleared.get(0).tMs() <= 5_000 + 500 + 1, "within one heartbeat");
    assertEquals("IPFE-4", cleared.get(0).string("rule"));
    assertEquals("SYNCED", r.state("IPFE-A1"));
  }

  @HasimTest
  void IPFE_4_aRestartedMateClearsTheAlarmOnceHeartbeatsFlowBothWays(Hasim hasim) {
    Sim r = pair(hasim).advance(s(2)).crash("IPFE-A2", s(3)).advance(s(8));
    r.assertThat("IPFE-A1").hasNoAlarm(5003);
    r.assertThat("IPFE-A2").hasRole("UP");
    assertTrue(r.events("IPFE-A1", "alarm_cleared").get(0).tMs() >= 5_000);
    r.finish(); // no invariant violated
  }

  // ---- The invariant itself must be able to fail ----------------------------------------------------------

  @HasimTest
  void alarmMatchesReachabilityCatchesAnAlarmThatNeverCame(Hasim hasim) {
    Sim honest = pair(hasim).advance(s(2)).cut("IPFE-A1", "IPFE-A2").advance(s(8));
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
