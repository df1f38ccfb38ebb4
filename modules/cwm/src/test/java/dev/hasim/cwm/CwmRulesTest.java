package dev.hasim.cwm;

import static dev.hasim.cwm.CwmHarness.domain;
import static dev.hasim.cwm.CwmHarness.shipped;
import static dev.hasim.scenario.testing.ScenarioHarness.decisions;
import static dev.hasim.scenario.testing.ScenarioHarness.events;
import static dev.hasim.scenario.testing.ScenarioHarness.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One or more tests per CWM rule of BEHAVIOURS.md, named with its ID. */
class CwmRulesTest {
  private static final String FOUR = "SP1_AutoSwitchOver ON\nPrimaryRestartInterval 15";

  private static List<String> warnings(RunResult r, String node) {
    return events(r, node, "warning").stream().map(e -> e.string("why")).toList();
  }

  @Test
  void CWM_1_aHeartbeatIntervalMismatchIsAWarningAndEachGatewayActsOnItsOwnFile() {
    RunResult r = shipped("heartbeat-interval-mismatch.yaml");
    assertTrue(warnings(r, "cwmws4").stream().anyMatch(w -> w.contains("HeartBeatInterval 10 differs")));
    assertTrue(warnings(r, "cwmws1").stream().anyMatch(w -> w.contains("cwmws4's 10")));
    assertEquals("CWM-1", events(r, "cwmws4", "warning").get(0).string("rule"));
    assertEquals(RunResult.Verdict.PASS, r.verdict(), "a warning, not an error");
  }

  @Test
  void CWM_1_membersListingDifferentHostsAreWarned() {
    String yaml = domain(3, 5, "30s", "", "").replace("events:\n  - \n", "")
        + "      conf_overrides: {gw3: \"DomainGatewayList gw1 gw3\"}\n";
    RunResult r = CwmHarness.HARNESS.run(yaml);
    assertTrue(warnings(r, "gw3").stream().anyMatch(w -> w.contains("DomainGatewayList")), warnings(r, "gw3").toString());
  }

  @Test
  void CWM_2_theFirstToBeginOperationBecomesPrimaryAndLaterOnesSecondaries() {
    RunResult r = CwmHarness.HARNESS.run(domain(3, 5, "60s", ""));
    assertEquals("PRIMARY", r.finalState().get("gw1").role());
    assertEquals("SECONDARY", r.finalState().get("gw2").role());
    assertEquals("SECONDARY", r.finalState().get("gw3").role());
  }

  /**
   * Found by hasim explore (sim-scenarios/regressions/cwm-unanswered-registration-is-retried.yaml): gw2's
   * Register reaches gw1 but the answer is lost on a one-way cut; gw2 registered once more at the end of its
   * discovery window and then waited in STARTING for ever, even after the heal.
   */
  @Test
  void CWM_2_aStartingGatewayWhoseRegistrationGoesUnansweredRetriesEveryDiscoveryWindow() {
    RunResult r = CwmHarness.HARNESS.run(domain(3, 5, "90s", "", "{at: 8s, cut: {from: gw1, to: gw2}}",
        "{at: 40s, heal: [gw1, gw2]}"));
    assertEquals("SECONDARY", r.finalState().get("gw2").role(), decisions(r, "gw2", "CWM-2").toString());
    assertEquals("gw1", r.finalState().get("gw2").views().get("primary"));
    assertTrue(decisions(r, "gw2", "CWM-2").size() >= 3, "registered again every window while unanswered");
  }

  @Test
  void CWM_3_aLoneGatewayWaitsTwoHeartbeatIntervalsThenBecomesPrimary() {
    RunResult r = CwmHarness.HARNESS.run(domain(2, 7, "30s", "").replace("start: 1s", "start: never"));
    TraceEvent becamePrimary = events(r, "gw1", "role").stream().filter(e -> "PRIMARY".equals(e.string("to")))
        .findFirst().orElseThrow();
    assertEquals(14_000, becamePrimary.tMs());
  }

  @Test
  void CWM_3_gatewaysStartingAtTheSameInstantAreOrderedByTheirListPosition() {
    RunResult r = CwmHarness.HARNESS.run("""
        name: same-instant
        duration: 60s
        topology:
          cwm:
            - domain: east
              gateways: [a, b, c]
              conf: |
                DomainGatewayList c a b
                HeartBeatInterval 5
        """);
    assertEquals("PRIMARY", r.finalState().get("c").role(), "first in DomainGatewayList");
    assertEquals(1, r.finalState().get("a").priority());
    assertEquals(2, r.finalState().get("b").priority());
  }

  @Test
  void CWM_4_prioritiesAreAssignedFirstComeFirstServe() {
    RunResult r = shipped("first-come-first-serve.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertEquals(1, r.finalState().get("cwmws2").priority());
    assertEquals(3, r.finalState().get("cwmws4").priority());
    assertEquals(3, decisions(r, "cwmws1", "CWM-4").size(), "one registration decision per Secondary");
  }

  @Test
  void CWM_5_sp1TakesOverWhenThePrimaryShutsDown() {
    RunResult r = shipped("primary-graceful-shutdown.yaml");
    assertEquals("PRIMARY", r.finalState().get("cwmws2").role());
    assertTrue(said(r, "cwmws2", "CWM-5", "nominated this gateway (SP1)"));
  }

  @Test
  void CWM_6_thePrimaryNotifiesEverySecondaryAndReRegistrationMayReorder() {
    RunResult r = shipped("primary-graceful-shutdown.yaml");
    assertTrue(said(r, "cwmws1", "CWM-6", "notifying 3 Secondaries; nominating SP1 cwmws2"));
    assertEquals(1, r.finalState().get("cwmws4").priority(), "seed 4: S3 becomes S1");
    assertEquals(2, r.finalState().get("cwmws3").priority());
    assertEquals(RunResult.Verdict.PASS, r.verdict());
  }

  @Test
  void CWM_7_aWatchdogRestartOfThePrimaryReassignsPrioritiesByReRegistration() {
    RunResult r = shipped("primary-watchdog-restart-within.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertTrue(said(r, "cwmws1", "CWM-7", "still take this gateway for Primary"));
    assertEquals(3, decisions(r, "CWM-7").stream().filter(e -> e.string("why").startsWith("re-registered")).count());
  }

  @Test
  void CWM_8_secondaryShutdownRenumbersHigherPriorities() {
    RunResult r = shipped("secondary-shutdown-renumbering.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertTrue(said(r, "cwmws1", "CWM-8", "cwmws4 S3 → S2: cwmws3 (S2) shut down gracefully, Sm with m > n moves up"));
    assertFalse(said(r, "cwmws1", "CWM-8", "cwmws2 S1 →"), "S1 keeps its number");
  }

  @Test
  void CWM_8_aRestartedSecondaryReRegistersWithTheLastNumber() {
    RunResult r = shipped("secondary-shutdown-renumbering.yaml");
    assertTrue(said(r, "cwmws1", "CWM-4", "cwmws3 registered: S3"));
    assertTrue(said(r, "cwmws1", "CWM-4", "cwmws2 registered: S3 (first-come-first-serve, after its restart)"));
  }

  /**
   * Found by hasim explore (sim-scenarios/regressions/cwm-register-twice-keeps-its-place.yaml): gw2 registers
   * ahead with gw1, its Registered is lost on a cut, and it registers again, the same incarnation. The Primary
   * took the repeat for a restart (CWM-8) and moved gw2 behind gw3, which registered after it.
   */
  @Test
  void CWM_4_aGatewayThatRegistersTwiceWithoutRestartingKeepsItsPlace() {
    RunResult r = CwmHarness.HARNESS.run(domain(3, 5, "60s", "", "{at: 8s, cut: [gw2, gw1]}",
        "{at: 12s, heal: [gw2, gw1]}"));
    assertTrue(said(r, "gw1", "CWM-4", "gw2 registered again without restarting: it keeps S1"),
        decisions(r, "gw1", "CWM-4").toString());
    assertFalse(said(r, "gw1", "CWM-8", "restarted"), "gw2 never restarted: " + decisions(r, "gw1", "CWM-8"));
    assertEquals(1, r.finalState().get("gw2").priority(), "first come");
    assertEquals(2, r.finalState().get("gw3").priority(), "first served after gw2");
  }

  /**
   * Found by hasim explore: the Primary's heartbeat, sent just before it renumbered (CWM-14), arrived after the
   * renumbering and put cwmws3 back to S2 beside cwmws4. The jitter decides the order, so this runs the minimal
   * file explore wrote.
   */
  @Test
  void CWM_8_aHeartbeatOvertakenByANewerRenumberingDoesNotUndoIt() {
    RunResult r = CwmHarness.HARNESS.run(Path.of("../../sim-scenarios/regressions/"
        + "cwm-stale-heartbeat-keeps-the-new-number.yaml"));
    assertTrue(said(r, "cwmws3", "CWM-14", "S2 → S1"), decisions(r, "cwmws3", "CWM-14").toString());
    assertFalse(said(r, "cwmws3", "CWM-8", "S1 → S2: priority order in cwmws1's heartbeat"),
        "the older heartbeat must not undo the renumbering");
    assertTrue(r.violations().isEmpty(), r.violations().toString());
  }

  @Test
  void CWM_9_aCrashedPrimaryNotifiesNobody() {
    RunResult r = shipped("primary-crash-autoswitchover.yaml");
    assertTrue(decisions(r, "cwmws1", "CWM-6").isEmpty(), "no shutdown notice");
    TraceEvent firstDegraded = events(r, "cwmws3", "state").stream().filter(e -> "DEGRADED".equals(e.string("to")))
        .findFirst().orElseThrow();
    assertEquals(90_001, firstDegraded.tMs(), "only silence tells: last heartbeat 40.001 s + 2.5 × 20 s");
  }

  @Test
  void CWM_10_twoMissedHeartbeatsMeanDegradedModeAndAnL1MessageEvery60s() {
    RunResult r = shipped("only-secondary-link-loss.yaml");
    List<Long> l1 = events(r, "cwmws2", "log").stream().filter(e -> "L1".equals(e.string("level")))
        .map(TraceEvent::tMs).toList();
    assertTrue(l1.size() >= 3, l1.toString());
    assertEquals(60_000, l1.get(1) - l1.get(0));
    assertEquals(60_000, l1.get(2) - l1.get(1));
    assertTrue(events(r, "cwmws2", "log").stream().anyMatch(e -> "console".equals(e.string("level"))));
    assertEquals("SECONDARY", r.finalState().get("cwmws2").role(), "no switchover by itself");
  }

  @Test
  void CWM_11_thePrimaryDetectsALostSecondaryAndSendsATrap() {
    RunResult r = shipped("sp1-isolated.yaml");
    assertTrue(events(r, "cwmws1", "trap").stream().anyMatch(e -> e.string("trap").equals("cwmSecondaryConnectivityLost")
        && e.string("why").contains("cwmws2")));
    assertTrue(events(r, "cwmws2", "trap").stream().anyMatch(e -> e.string("trap").equals("cwmPrimaryConnectivityLost")));
  }

  @Test
  void CWM_12_aDegradedSecondaryRejectsUserDataWhileThePrimaryKeepsProvisioning() {
    RunResult r = shipped("degraded-provisioning.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertTrue(said(r, "cwmws4", "CWM-12", "rejected: degraded mode"));
    assertTrue(said(r, "cwmws1", "CWM-19", "cwmws1 adds sct/sct-3: lock granted"));
  }

  @Test
  void CWM_13_theOnlySecondaryCannotAutoSwitchAndTheReportSaysWhatToDo() {
    RunResult r = shipped("only-secondary-link-loss.yaml");
    assertNull(r.convergence().get(0).convergedMs(), "never converges");
    assertTrue(r.diagnoses().stream().anyMatch(d -> d.contains("AutoSwitchOver cannot act (CWM-13)")
        && d.contains("force")), r.diagnoses().toString());
  }

  @Test
  void CWM_13_withAutoSwitchOverOffSp1StaysDegraded() {
    RunResult r = shipped("primary-crash-autoswitchover-off.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertTrue(said(r, "cwmws2", "CWM-13", "SP1_AutoSwitchOver is OFF"));
    assertTrue(decisions(r, "CWM-14").stream().noneMatch(e -> e.string("why").startsWith("automatic switchover")));
  }

  @Test
  void CWM_14_sp1TakesOverAfterPrimaryRestartIntervalWhenAnotherSecondaryConfirms() {
    RunResult r = shipped("primary-crash-autoswitchover.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    TraceEvent takeover = decisions(r, "cwmws2", "CWM-14").stream()
        .filter(e -> e.string("why").startsWith("automatic switchover")).findFirst().orElseThrow();
    assertTrue(takeover.tMs() >= 90_001 + 15_000, "after PrimaryRestartInterval: " + takeover.tMs());
  }

  @Test
  void CWM_14_anIsolatedSp1GetsNoConfirmationAndIsRenumberedAway() {
    RunResult r = shipped("sp1-isolated.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertTrue(said(r, "cwmws2", "CWM-14", "no other Secondary confirms"));
    assertTrue(said(r, "cwmws1", "CWM-14", "cwmws3 S2 → S1: cwmws2 (S1) is unreachable"));
  }

  /**
   * Found by hasim explore (sim-scenarios/regressions/cwm-unanswered-secondary-keeps-its-number.yaml): a lost
   * Secondary other than SP1 keeps its number on the Primary's list (CWM-9, CWM-14), so the followers hold
   * 1 and 3; priorities-contiguous judged them against 1..k and reported a violation the model intends.
   */
  @Test
  void CWM_14_aLostSecondaryOtherThanSp1KeepsItsNumberAndPrioritiesStayContiguousOnThePrimarysList() {
    RunResult r = CwmHarness.HARNESS.run(domain(4, 5, "60s", "", "{at: 20s, crash: gw3}"));
    assertEquals(3, r.finalState().get("gw4").priority(), "gw4 keeps S3 while S2 is lost");
    assertTrue(r.violations().isEmpty(), r.violations().toString());
  }

  @Test
  void CWM_15_onlyUsr2ReadsForcedSwitchOverAndItNeedsAReachableRunningTarget() {
    RunResult r = shipped("forced-switchover-usr2.yaml");
    assertEquals(RunResult.Verdict.PASS, r.verdict(), r.expectations().toString());
    assertTrue(said(r, "cwmws1", "CWM-15", "HUP: CWMGateway.conf re-read"));
    assertTrue(said(r, "cwmws1", "CWM-15", "ForcedSwitchOver is not read on USR1"));
    assertTrue(said(r, "cwmws1", "CWM-15", "USR2: forced switchover to cwmws3"));
    assertTrue(said(r, "cwmws3", "CWM-15", "forced switchover to cwmws4 refused: no IP connectivity"));
    assertTrue(said(r, "cwmws3", "CWM-15", "forced switchover to cwmws2 refused: it is not a registered, running"));
  }

  @Test
  void CWM_16_aSecondaryCanBeForcedToPrimaryWithoutARestart() {
    RunResult r = shipped("forced-secondary-two-primaries.yaml");
    assertTrue(said(r, "cwmws3", "CWM-16", "operator forced this Secondary"));
    assertEquals("PRIMARY", r.finalState().get("cwmws3").role());
  }

  @Test
  void CWM_17_twoPrimariesAreFlaggedTheMomentTheyStartAndPersist() {
    RunResult r = shipped("forced-secondary-two-primaries.yaml");
    assertEquals(80_000, r.violations().get(0).tMs());
    assertEquals("single-primary", r.violations().get(0).invariant());
    assertEquals("PRIMARY", r.finalState().get("cwmws1").role(), "no automatic resolution");
    assertTrue(r.diagnoses().stream().anyMatch(d -> d.contains("(CWM-17)")));
    assertEquals(RunResult.Verdict.PASS, r.verdict(), "the scenario expects the violation");
  }

  @Test
  void CWM_18_whenThePrimaryIsBackTheSecondaryLeavesDegradedModeAndReSyncs() {
    RunResult r = shipped("degraded-provisioning.yaml");
    TraceEvent back = decisions(r, "cwmws4", "CWM-18").stream()
        .filter(e -> e.string("why").contains("leaving degraded mode")).findFirst().orElseThrow();
    assertTrue(back.tMs() >= 200_000, back.toString());
    assertEquals("IN_SYNC", r.finalState().get("cwmws4").views().get("dssync"));
    assertEquals(r.finalState().get("cwmws1").views().get("user_data"), r.finalState().get("cwmws4").views().get("user_data"));
  }

  /**
   * Found by hasim explore (sim-scenarios/regressions/cwm-degraded-secondary-finds-the-new-primary.yaml): a
   * Secondary cut off while the Primary changes misses the handover, goes degraded following the old Primary,
   * and stayed so forever after the heal, its heartbeats to the old Primary unanswered.
   */
  @Test
  void CWM_18_aSecondaryCutOffWhileThePrimaryChangesFindsTheNewPrimaryAfterTheHeal() {
    RunResult r = CwmHarness.HARNESS.run(domain(4, 5, "120s", "", "{at: 20s, isolate: gw4}",
        "{at: 25s, shutdown: gw1}", "{at: 45s, heal: all}"));
    assertTrue(said(r, "gw4", "CWM-10", "missed two consecutive heartbeats from Primary gw1"));
    assertTrue(said(r, "gw4", "CWM-7", "gw2 answers as Primary while gw1 is silent"), decisions(r, "gw4", "CWM-7")
        .toString());
    assertEquals("NORMAL", r.finalState().get("gw4").state());
    assertEquals("gw2", r.finalState().get("gw4").views().get("primary"));
    assertEquals(2, r.finalState().get("gw4").priority());
  }

  @Test
  void CWM_19_thePrimaryArbitratesLocksSoTwoUsersCannotModifyAnElementAtOnce() {
    RunResult r = CwmHarness.HARNESS.run(domain(3, 5, "60s", "",
        "{at: 30s, provision: {node: gw2, table: conn_template, key: tmpl-1, op: add}}",
        "{at: 30s, provision: {node: gw3, table: conn_template, key: tmpl-1, op: modify}}"));
    assertEquals(1, decisions(r, "gw1", "CWM-19").stream().filter(e -> "accepted".equals(e.string("provision"))).count());
    assertTrue(said(r, "gw1", "CWM-19", "refused: lock on conn_template/tmpl-1 is held by gw2"));
    assertTrue(said(r, "gw3", "CWM-19", "refused"));
    Object fingerprint = r.finalState().get("gw1").views().get("user_data");
    assertEquals(fingerprint, r.finalState().get("gw2").views().get("user_data"), "propagated");
    assertEquals(fingerprint, r.finalState().get("gw3").views().get("user_data"), "propagated");
  }

  @Test
  void CWM_20_usertblDBcmpComparesEveryTableAndUsertblDBsyncReplacesLocalData() {
    // The scripts work between any two workstations, even of different domains (no Primary-Secondary link).
    RunResult r = CwmHarness.HARNESS.run("""
        name: usertbl-scripts
        duration: 60s
        topology:
          cwm:
            - domain: east
              gateways: [cwmtopo62]
              conf: "HeartBeatInterval 5"
            - domain: west
              gateways: [mmen]
              conf: "HeartBeatInterval 5"
        events:
          - {at: 20s, provision: {node: cwmtopo62, table: user_info, key: alice, op: add}}
          - {at: 30s, usertbl_cmp: {node: mmen, with: cwmtopo62}}
          - {at: 40s, usertbl_sync: {node: mmen, from: cwmtopo62}}
          - {at: 50s, usertbl_cmp: {node: mmen, with: cwmtopo62}}
        """);
    List<TraceEvent> verdicts = decisions(r, "mmen", "CWM-20").stream().filter(e -> e.fields().containsKey("tables"))
        .toList();
    assertEquals(2, verdicts.size());
    assertTrue(verdicts.get(0).string("why").contains("tables differ"));
    assertTrue(verdicts.get(0).string("tables").contains("user_info=DIFFERENT"), verdicts.get(0).string("tables"));
    assertTrue(verdicts.get(1).string("why").contains("all tables SAME"));
    List<String> lines = events(r, "mmen", "log").stream().map(e -> e.string("message")).toList();
    assertEquals(26, lines.size(), "13 tables, twice");
    assertTrue(lines.contains("Comparing Table user_info@mmen with user_info@cwmtopo62.....[DIFFERENT]"));
    assertTrue(lines.contains("Comparing Table node_info@mmen with node_info@cwmtopo62.....[SAME]"));
    assertTrue(said(r, "mmen", "CWM-20", "local user tables destroyed and replaced by cwmtopo62's"));
  }

  @Test
  void CWM_21_secondariesWaitForThePrimarysNetworkSyncButNotAfterARestart() {
    RunResult r = CwmHarness.HARNESS.run(domain(2, 5, "120s", "",
        "{at: 60s, watchdog_restart: {node: gw1, down_for: 2s}}").replace("      conf: |",
        "      network_sync: 30s\n      conf: |"));
    List<TraceEvent> traps = events(r, "gw1", "trap").stream().filter(e -> "svDatabaseInSync".equals(e.string("trap"))).toList();
    assertEquals(1, traps.size(), "28075 once: after the restart the network was already discovered");
    assertEquals(30_000, traps.get(0).tMs());
    assertEquals(28075, traps.get(0).number("number"));
    assertTrue(said(r, "gw2", "CWM-21", "waiting for Primary gw1 to finish syncing"));
    assertEquals("IN_SYNC", r.finalState().get("gw2").views().get("dssync"));
  }

  @Test
  void CWM_22_theGatewayMonitorShowsRolePriorityHeartbeatAndDssyncStatus() {
    RunResult r = shipped("sp1-isolated.yaml");
    var cwmws3 = r.finalState().get("cwmws3");
    assertEquals("SECONDARY", cwmws3.role());
    assertEquals("OK", cwmws3.views().get("heartbeat"));
    assertEquals("IN_SYNC", cwmws3.views().get("dssync"));
    assertEquals("cwmws1", cwmws3.views().get("primary"));
    assertTrue(r.finalState().get("cwmws1").views().get("secondaries").toString().startsWith("S1=cwmws3"));
  }
}
