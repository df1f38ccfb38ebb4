package dev.hasim.mgc;

import static dev.hasim.mgc.MgcHarness.answers;
import static dev.hasim.mgc.MgcHarness.logLines;
import static dev.hasim.mgc.MgcHarness.pair;
import static dev.hasim.mgc.MgcHarness.platformLog;
import static dev.hasim.mgc.MgcHarness.roleAt;
import static dev.hasim.mgc.MgcHarness.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import java.util.List;

/** One or more tests per MGC rule of docs/rules.md, named with its ID. */
class MgcRulesTest {
  private static final String LIB = "config_lib: {versions: [pomtest1], files_per_version: 10}";

  @HasimTest
  void MGC_1_aPairIsOneActiveAndOneStandbyWhosePlatformStateIsTwo(Hasim hasim) {
    Sim r = pair(hasim, "10s", "pom.dataSync = true", LIB);
    assertEquals("ACTIVE", r.role("mgc-01"));
    assertEquals("STANDBY", r.role("mgc-02"));
    assertTrue(platformLog(r, "mgc-02").contains("pomMgr::peerSyncProvData. Platform state = 2."));
  }

  @HasimTest
  void MGC_1_aStandbyWhoseStartUpSyncFailsStaysOutOfServiceUntilTheCauseIsFixed(Hasim hasim) {
    Sim r = shipped(hasim, "standby-oos-after-startup.yaml");
    r.assertPassed();
    assertTrue(r.said("mgc-02", "MGC-1", "stays OOS until the cause is fixed"));
    assertTrue(r.result().diagnoses().isEmpty(), "fixed and restarted by the end: " + r.result().diagnoses());
  }

  @HasimTest
  void MGC_1_anOutOfServiceStandbyIsDiagnosedWithWhatToDo(Hasim hasim) {
    Sim r = pair(hasim, "30s", "pom.dataSync = true",
        "config_lib: {versions: [pomtest1, pomtest2], files_per_version: 5, standby_missing: [pomtest2]}",
        "{at: 0s, file_fault: {node: mgc-02, dir: CFG_pomtest2, kind: permission_denied}}");
    assertEquals("OOS", r.role("mgc-02"));
    assertTrue(r.result().diagnoses().stream().anyMatch(d -> d.contains("mgc-02 is out of service (MGC-1)")
        && d.contains("pom.dataSync = false")), r.result().diagnoses().toString());
  }

  /**
   * MGC-1 (Model): a started host takes a role once its platform is up, 26.452 s after its start by default (the
   * seed's start-up example); before, it is OOS, its links are up and it has heard its peer. {@code
   * platform_start} sets another figure.
   */
  @HasimTest
  void MGC_1_aStartedHostTakesARoleOnlyOnceItsPlatformIsUp(Hasim hasim) {
    String pair = "name: start\nduration: 40s\ntopology:\n  mgc:\n    - pair: pgw\n      hosts: [mgc-01, mgc-02]\n"
        + "      xecfgparm: |\n        pom.dataSync = true\n      " + LIB + "\n";
    Sim r = hasim.scenario(pair).start();
    r.advanceTo(java.time.Duration.ofMillis(MgcSettings.SEED_PLATFORM_START_MS - 1));
    assertEquals("OOS", r.role("mgc-01"));
    assertEquals("OOS", r.role("mgc-02"));
    assertEquals("UP", r.view("mgc-02", MgcHost.LINK1));
    r.runToEnd();
    assertEquals(26_452, roleAt(r, "mgc-01", "ACTIVE"), "the seed: initialize 22:17:15.572, the role at 42.024");
    assertTrue(roleAt(r, "mgc-02", "STANDBY") > 26_452);
    assertTrue(r.said("mgc-02", "MGC-1", "the platform is up and POM has listened for its peer since the MGC "
        + "application started, 26452 ms ago"));

    Sim fast = hasim.run(pair.replace("      hosts: [mgc-01, mgc-02]\n",
        "      hosts: [mgc-01, mgc-02]\n      platform_start: 5s\n"));
    assertEquals(5_000, roleAt(fast, "mgc-01", "ACTIVE"));
  }

  /** Found in review: a starting host must not pull from an active lost while its platform was starting. */
  @HasimTest
  void MGC_2_anActiveLostDuringAStartUpLeavesTheStartingHostActive(Hasim hasim) {
    Sim r = regression(hasim, "mgc-active-lost-during-a-start-up-is-not-pulled-from.yaml").assertPassed();
    assertEquals(30_000 + MgcSettings.SEED_PLATFORM_START_MS, roleAt(r, "mgc-02", "ACTIVE"));
    assertTrue(r.said("mgc-02", "MGC-2", "both links to mgc-01 are down (its last heartbeat said ACTIVE)"));
    assertFalse(r.said("mgc-02", "MGC-7", "pull the active configuration"), "nothing to pull from a silent peer");
  }

  @HasimTest
  void MGC_2_losingOneLinkIsNoFailoverButLosingBothForThreeHeartbeatsIs(Hasim hasim) {
    Sim r = pair(hasim, "30s", "", LIB, "{at: 10s, cut: {between: [mgc-01, mgc-02], link: link1}}",
        "{at: 20s, crash: mgc-01}");
    long takeover = roleAt(r, "mgc-02", "ACTIVE");
    assertTrue(takeover > 20_000, "no failover while link2 still works: " + takeover);
    assertTrue(takeover >= 21_500 && takeover <= 22_000, "3 missed 500 ms heartbeats after 20 s: " + takeover);
    assertTrue(logLines(r, "mgc-02", "signalCallback").contains("pomMgr::signalCallback: link1 state = 0, link2 state = 1"));
    assertTrue(logLines(r, "mgc-02", "signalCallback").contains("pomMgr::signalCallback: link1 state = 0, link2 state = 0"));
    assertTrue(r.said("mgc-02", "MGC-2", "the peer is lost, the standby takes over"));
    // Issue 19 item 5: a link going down is a decision, so the report's story says it.
    assertTrue(r.said("mgc-02", "MGC-2", "link1 to mgc-01 is down (link state 0)"));
  }

  @HasimTest
  void MGC_2_bothLinksCutWhileBothRunIsASplitPairAndTheLaterActiveYieldsOnHeal(Hasim hasim) {
    Sim r = shipped(hasim, "both-links-cut.yaml");
    r.assertPassed();
    assertTrue(r.result().violations().stream().anyMatch(v -> v.invariant().equals(MgcTopology.SINGLE_ACTIVE)));
    assertTrue(r.said("mgc-02", "MGC-2", "it yields and restarts as standby"));
  }

  @HasimTest
  void MGC_2_pomTrafficMovesToLink2WhenLink1IsDown(Hasim hasim) {
    Sim r = shipped(hasim, "both-links-cut.yaml");
    assertTrue(answers(r, "mgc-01").contains("prov-sync COMPLD 0"), answers(r, "mgc-01").toString());
  }

  @HasimTest
  void MGC_3_activationSetsTheLinksCopiesToEtcAndReloadsEveryTable(Hasim hasim) {
    Sim r = shipped(hasim, "prov-dply.yaml");
    r.assertPassed();
    List<String> log = platformLog(r, "mgc-02");
    assertTrue(log.contains("pomMgr::prepareActvFiles. Executing command [cp -p /opt/CiscoMGC/etc/CONFIG_LIB/"
        + "CFG_pomtest2/[a-z]*.dat /opt/CiscoMGC/etc/]."));
    assertTrue(log.contains("XETable::reload: validation = 0, process = ProvObjectManager, table = components, "
        + "delCnt = 0, updCnt = 1, insCnt = 0"));
    assertTrue(log.contains("XETable::purge: validation = 1, process = ProvObjectManager, table = components, "
        + "purge count = 1"));
    assertEquals(1, logLines(r, "mgc-02", "updCnt = 1").size(), "only the changed DPC table");
    assertTrue(log.contains("pomMgr::UpdateHdlr: sending update notification components"));
  }

  @HasimTest
  void MGC_4_onlyFilesWhoseNameSizeOrTimeDifferAreTransferred(Hasim hasim) {
    Sim r = shipped(hasim, "prov-sync.yaml");
    r.assertPassed();
    List<String> reads = logLines(r, "mgc-02", "tftp_readfile");
    assertEquals(1 + 55, reads.size(), "components.dat of CFG_pomtest7 and all of CFG_pomtest20");
    assertTrue(reads.get(0).endsWith("components.dat"));
    assertTrue(logLines(r, "mgc-02", "operationStatus = 4").size() == 6, "six directories need nothing");
  }

  @HasimTest
  void MGC_5_provSyncWalksEveryDirectoryAndCfgRmDirsMustMatch(Hasim hasim) {
    Sim r = shipped(hasim, "prov-sync.yaml");
    assertTrue(platformLog(r, "mgc-02").contains("pomMgr::peerSyncProvData total count attempted = 8"));
    Sim mismatch = pair(hasim, "40s", "",
        "config_lib: {versions: [a, b, c, d, e], files_per_version: 3, active: e, standby_missing: [a, b, c, d]}\n"
            + "xecfgparm_overrides: {mgc-02: \"diskmonitor.CfgRmDirs = 3\"}",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}");
    assertTrue(mismatch.events("mgc-02", "warning").stream().anyMatch(w -> "MGC-5".equals(w.string("rule"))
        && w.string("why").contains("diskmonitor.CfgRmDirs is 3 here and 64 on mgc-01")));
    assertTrue(mismatch.said("mgc-02", "MGC-5", "diskmonitor removed 2 old CFG_ directories [a, b]"));
  }

  @HasimTest
  void MGC_6_provDplyMakesTheSessionActiveAndPushesItWithPeerMessage708(Hasim hasim) {
    Sim r = shipped(hasim, "prov-dply.yaml");
    assertTrue(platformLog(r, "mgc-02").contains("pomMgr::handleEvent: Received Evt 100, Msg. Type 708"));
    assertTrue(platformLog(r, "mgc-02").contains("pomMgr::sendPeerMsg: sending msg type 101, subtype 708, resp status 0"));
    assertTrue(r.said("mgc-01", "MGC-6", "push it to mgc-02 (peer message 708 POM_PEER_DEPLOY_MT)"));
  }

  @HasimTest
  void MGC_6_provisioningNeedsAnOpenSession(Hasim hasim) {
    Sim r = pair(hasim, "20s", "", LIB, "{at: 5s, provision: {node: mgc-01, table: components, changes: 1}}",
        "{at: 6s, mml: {node: mgc-01, command: prov-dply}}");
    assertTrue(r.said("mgc-01", "MGC-6", "no open session (POM_NO_SES 2000)"));
    assertEquals(List.of("prov-dply DENY 2026"), answers(r, "mgc-01"));
  }

  @HasimTest
  void MGC_7_withDataSyncTheStandbyPullsTheActiveConfigurationAtStartUp(Hasim hasim) {
    Sim r = shipped(hasim, "datasync-startup.yaml");
    r.assertPassed();
    List<String> log = platformLog(r, "mgc-02");
    int goStandby = log.indexOf("pomProcEvtHdlr::handleGoStandbyLocal - POM is trying to switch the its role to Standby.");
    assertTrue(goStandby >= 0);
    assertEquals("pomMgr::sendPeerMsg: sending msg type 100, subtype 709, resp status 0", log.get(goStandby + 1));
    assertTrue(log.contains("pomMgr::peerSyncProvData. instandby box,mgrState= 4"));
    assertTrue(log.contains("pomMgr::peerSyncProvData: successfully initiated file transfer for 1 directories"));
  }

  @HasimTest
  void MGC_7_withoutDataSyncTheStandbyPullsNothing(Hasim hasim) {
    Sim r = pair(hasim, "10s", "pom.dataSync = false", LIB);
    assertEquals("STANDBY", r.role("mgc-02"));
    assertTrue(r.said("mgc-02", "MGC-7", "pom.dataSync = false: no provisioning data is pulled"));
    assertTrue(logLines(r, "mgc-02", "subtype 709").isEmpty());
  }

  @HasimTest
  void MGC_7_dataSyncFalseDoesNotDisableProvSync(Hasim hasim) {
    Sim r = pair(hasim, "20s", "pom.dataSync = false",
        "config_lib: {versions: [a, b], files_per_version: 3, standby_missing: [a]}",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}");
    assertEquals(List.of("prov-sync COMPLD 0"), answers(r, "mgc-01"));
  }

  @HasimTest
  void MGC_7_theFormerActiveSyncsFromTheNewActiveAfterFailover(Hasim hasim) {
    Sim r = shipped(hasim, "active-crash-failover.yaml");
    r.assertPassed();
    assertTrue(r.said("mgc-01", "MGC-7", "pull the active configuration from mgc-02"));
  }

  /** Found by hasim explore: a start during an upgrade boots the new release, which converts the files then. */
  @HasimTest
  void MGC_8_aStartDuringAnUpgradeBootsTheNewRelease(Hasim hasim) {
    Sim r = regression(hasim, "mgc-start-during-an-upgrade-boots-the-new-release.yaml").assertPassed();
    TraceEvent booted = r.decisions("mgc-02", "MGC-8").stream()
        .filter(e -> e.string("why").startsWith("the upgraded software (release 9.3) boots")).findFirst()
        .orElseThrow(() -> new AssertionError("the start at 30 s boots 9.3"));
    assertEquals(30_000, booted.tMs());
    assertEquals("9.3", r.view("mgc-02", "release"));
  }

  @HasimTest
  void MGC_8_anUpgradedStandbyWithDataSyncPullsOldFormatFilesAndStaysOutOfService(Hasim hasim) {
    Sim r = shipped(hasim, "upgrade-datasync-true.yaml");
    r.assertPassed();
    assertTrue(r.said("mgc-02", "MGC-8", "2030 POM_VER_MISMATCH"));
    assertTrue(r.said("mgc-02", "MGC-10", "incompatible peer version"));
  }

  @HasimTest
  void MGC_9_aDirectoryTheStandbyCannotWriteFailsWithStatus2AndResponse2021(Hasim hasim) {
    Sim r = shipped(hasim, "permission-denied.yaml");
    r.assertPassed();
    List<String> log = platformLog(r, "mgc-02");
    assertTrue(log.contains("XEFileService::tftp_endReceived: temporary file rename error 13"));
    assertTrue(log.contains("pomMgr::fileXferCallback: Entering with path = /opt/CiscoMGC/etc/CONFIG_LIB/CFG_pom-test1, "
        + "operationStatus = 2"));
    assertTrue(log.contains("pomMgr::sendPeerMsg: sending msg type 101, subtype 709, resp status 2021"));
    String deny = r.events("mgc-01", "decision").stream().filter(e -> "DENY".equals(e.string("result")))
        .findFirst().orElseThrow().string("answer");
    assertTrue(deny.contains("\"PROV-SYNC: error transferring data files\nThis may due to large number of files being "
        + "transferred.\nYou can re-invoke this command.\""), deny);
  }

  @HasimTest
  void MGC_9_aLossyLinkTimesTransfersOutAndAReissueAfterTheRepairSucceeds(Hasim hasim) {
    Sim r = shipped(hasim, "lossy-link-timeout.yaml");
    r.assertPassed();
    assertFalse(logLines(r, "mgc-02", ", status = 3").isEmpty());
    assertFalse(logLines(r, "mgc-01", "send window full").isEmpty() && logLines(r, "mgc-02", "send window full").isEmpty());
    assertEquals(List.of("prov-sync DENY 2021", "prov-sync COMPLD 0"), answers(r, "mgc-01"));
  }

  @HasimTest
  void MGC_9_transferTimeFollowsFileSizeAndBandwidth(Hasim hasim) {
    String lib = "config_lib: {versions: [a, b], files_per_version: 20, standby_missing: [a]}\n";
    long fast = syncDuration(pair(hasim, "200s", "", lib + "transfer: {bandwidth_kbps: 100000}",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}"));
    long slow = syncDuration(pair(hasim, "200s", "", lib + "transfer: {bandwidth_kbps: 64, timeout: 150s}",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}"));
    // 20 files of about 3 KB: at 64 kbit/s each 512-byte block alone takes 64 ms on the wire.
    assertTrue(fast < 6_000, "20 × 200 ms per-file overhead plus little: " + fast);
    assertTrue(slow > fast + 5_000, "fast " + fast + " ms, slow " + slow + " ms");
  }

  private static long syncDuration(Sim r) {
    return r.events("mgc-01", "decision").stream().filter(e -> "COMPLD".equals(e.string("result")))
        .mapToLong(e -> e.tMs() - 5_000).findFirst().orElseThrow(() -> new AssertionError(answers(r, "mgc-01")));
  }

  @HasimTest
  void MGC_10_deployAndSyncAreRefusedInStandaloneModeOrWithANonStandbyPeer(Hasim hasim) {
    Sim r = shipped(hasim, "prov-sync-refused.yaml");
    r.assertPassed();
    assertEquals(List.of("prov-sync DENY 2028", "prov-dply DENY 2026", "prov-sync COMPLD 0"), answers(r, "mgc-01"));
    assertEquals(List.of("prov-sync DENY 2031"), answers(r, "mgc-02"));
  }

  @HasimTest
  void MGC_10_aPeerThatStopsAnsweringGives2019AndASecondCommandMeanwhile2001(Hasim hasim) {
    Sim r = pair(hasim, "60s", "",
        "config_lib: {versions: [a, b], files_per_version: 55, standby_missing: [a]}\nresponse_timeout: 3s",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}", "{at: 6s, mml: {node: mgc-01, command: prov-sync}}",
        "{at: 8s, cut: {from: mgc-02, to: mgc-01}}");
    assertEquals(List.of("prov-sync DENY 2001", "prov-sync DENY 2019"), answers(r, "mgc-01"));
    long denied = r.events("mgc-01", "decision").stream().filter(e -> "2019".equals(String.valueOf(e.number("status"))))
        .mapToLong(e -> e.tMs()).findFirst().orElseThrow();
    assertTrue(denied <= 9_600, "the lost peer ends the command as soon as both links are down: " + denied);
  }

  @HasimTest
  void MGC_10_aStandbyStillWorkingKeepsTheActiveWaitingWith713(Hasim hasim) {
    Sim r = pair(hasim, "60s", "",
        "config_lib: {versions: [a, b], files_per_version: 55, standby_missing: [a]}\nresponse_timeout: 3s",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}");
    assertEquals(List.of("prov-sync COMPLD 0"), answers(r, "mgc-01"), "a 55-file directory takes 11 s, timeout 3 s");
    assertTrue(logLines(r, "mgc-02", "subtype 713").size() >= 10);
  }

  @HasimTest
  void MGC_10_aHostOutOfServiceRefusesWith2022(Hasim hasim) {
    Sim r = pair(hasim, "20s", "pom.dataSync = true",
        "config_lib: {versions: [a, b], files_per_version: 3, active: b, standby_missing: [b]}",
        "{at: 0s, file_fault: {node: mgc-02, dir: CFG_b, kind: permission_denied}}",
        "{at: 10s, mml: {node: mgc-02, command: prov-sync}}");
    assertEquals(List.of("prov-sync DENY 2022"), answers(r, "mgc-02"));
  }

  @HasimTest
  void MGC_11_theCodeTablesMatchTheSeedExactly(Hasim hasim) {
    assertEquals(List.of(100, 101), codes(PomCodes.EventType.values()));
    assertEquals(List.of(700, 701, 702, 703, 704, 705, 706, 707, 708, 709, 710, 711, 712, 713),
        codes(PomCodes.Subtype.values()));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), codes(PomCodes.MgrState.values()));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), codes(PomCodes.OperationStatus.values()));
    assertEquals(4, PomCodes.MgrState.PEER_WAIT.code);
    assertEquals(6, PomCodes.MgrState.XFER_WAIT.code);
    assertEquals(5, PomCodes.OperationStatus.FILE_INTEGRITY_SUCCESS.code);
    assertEquals(7, PomCodes.OperationStatus.LINK_DOWN.code);
    assertEquals(2, PomCodes.Platform.STANDBY.code);
    List<Integer> status = codes(PomCodes.PomStatus.values());
    assertEquals(0, status.get(0));
    for (int i = 1; i < status.size(); i++) {
      assertEquals(1999 + i, status.get(i), "2000 … 2032 without gaps");
    }
    assertEquals(2032, status.get(status.size() - 1));
    assertEquals("Error transferring data files.", PomCodes.PomStatus.POM_XFER_ERR.significance);
    assertEquals("Deploy/sync cannot be performed in standalone mode.", PomCodes.PomStatus.POM_STAND_ALONE.significance);
  }

  private static List<Integer> codes(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(v -> {
      try {
        return v.getClass().getField("code").getInt(v);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  @HasimTest
  void MGC_12_mmlAnswersCompldOrDenyAndSetLogSwitchesPlatformLogToDebug(Hasim hasim) {
    Sim r = pairAtErrLevel(hasim, "{at: 5s, mml: {node: mgc-02, command: 'set-log:pom-01:debug,confirm'}}",
        "{at: 6s, mml: {node: mgc-01, command: prov-sync}}");
    assertEquals(List.of("set-log COMPLD 0"), answers(r, "mgc-02"));
    String answer = r.events("mgc-02", "decision").stream().filter(e -> "set-log".equals(e.string("mml")))
        .findFirst().orElseThrow().string("answer");
    // The seed: "MGC-01 - Media Gateway Controller 2002-10-13 16:00:37.401 MET" then "M  COMPLD" "POM-01".
    assertEquals("MGC-02 - Media Gateway Controller 2002-10-20 16:07:05.000 WET\nM  COMPLD\n   \"POM-01\"\n   ;",
        answer);
    List<String> log = platformLog(r, "mgc-02");
    assertFalse(log.contains("pomMgr::initialize: starting ..."), "at err level before set-log");
    assertTrue(log.contains("pomMgr::handleEvent: Received Evt 100, Msg. Type 709"), "at debug after it");
    String text = r.result().files().get(PlatformLog.path("mgc-02"));
    assertTrue(text.lines().findFirst().orElseThrow()
        .matches("Sun Oct 20 16:07:06:\\d{3} 2002 WET \\| ProvObjectManager \\(PID \\d+\\) <Debug>"), text.lines().findFirst().orElseThrow());
  }

  private static Sim pairAtErrLevel(Hasim hasim, String... events) {
    StringBuilder yaml = new StringBuilder("""
        name: mgc-log-levels
        duration: 20s
        topology:
          mgc:
            - pair: pgw
              hosts: [mgc-01, mgc-02]
              platform_start: 0s
              config_lib: {versions: [a, b], files_per_version: 3, standby_missing: [a]}
        """);
    MgcHarness.appendEvents(yaml, events);
    return hasim.run(yaml.toString());
  }

  @HasimTest
  void MGC_12_provStaChecksTheDestinationName(Hasim hasim) {
    Sim r = pair(hasim, "20s", "", LIB,
        "{at: 1s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"early\"'}}",
        "{at: 3s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"new\"'}}",
        "{at: 3s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"bad/name\"'}}",
        "{at: 3s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"pomtest1\"'}}",
        "{at: 3s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"nosuch\",dstver=\"x\"'}}",
        "{at: 4s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"pom-test8\"'}}",
        "{at: 5s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"pom-test9\"'}}");
    assertEquals(List.of("prov-sta DENY 2022", "prov-sta DENY 2025", "prov-sta DENY 2023", "prov-sta DENY 2027",
        "prov-sta DENY 2002", "prov-sta COMPLD 0",
        "prov-sta DENY 2016"), answers(r, "mgc-01"));
  }

  @HasimTest
  void MGC_9_aDirectoryOnAFullDiskFailsTheIntegrityCheckWithStatus6(Hasim hasim) {
    Sim r = pair(hasim, "30s", "", "config_lib: {versions: [a, b], files_per_version: 3, standby_missing: [a]}",
        "{at: 2s, file_fault: {node: mgc-02, dir: CFG_a, kind: disk_full}}",
        "{at: 5s, mml: {node: mgc-01, command: prov-sync}}");
    assertTrue(platformLog(r, "mgc-02").contains("pomMgr::fileXferCallback: Entering with path = "
        + "/opt/CiscoMGC/etc/CONFIG_LIB/CFG_a, operationStatus = 6"));
    assertEquals(List.of("prov-sync DENY 2021"), answers(r, "mgc-01"));
  }

  @HasimTest
  void MGC_7_aPairWhoseHostsDisagreeOnDataSyncIsWarned(Hasim hasim) {
    Sim r = pair(hasim, "5s", "", LIB + "\nxecfgparm_overrides: {mgc-02: \"pom.dataSync = true\"}");
    assertTrue(r.events("mgc-01", "warning").stream().anyMatch(w -> "MGC-7".equals(w.string("rule"))
        && w.string("why").contains("pom.dataSync is false here and true on mgc-02")));
  }

  /** MGC-7: the operator's switchover (sw-over::confirm, Model) reaches "sync at failover" without a crash. */
  @HasimTest
  void MGC_7_anOperatorSwitchoverHandsOverAndTheFormerActivePullsBeforeItIsStandby(Hasim hasim) {
    Sim r = shipped(hasim, "operator-switchover.yaml");
    r.assertPassed();
    assertEquals(List.of("sw-over COMPLD 0"), answers(r, "mgc-01").stream().filter(a -> a.startsWith("sw-over")).toList());
    List<String> log = platformLog(r, "mgc-01");
    int handOver = log.indexOf("pomProcEvtHdlr::handleGoStandbyLocal - POM is trying to switch the its role to Standby.");
    assertTrue(handOver >= 0, "mgc-01 goes standby through the pull");
    assertTrue(log.subList(handOver, log.size()).contains(
        "pomMgr::setupProvLink. Set link to [/opt/CiscoMGC/etc/CONFIG_LIB/CFG_pltest]."), "prov_link apart from active_link");
    assertTrue(r.said("mgc-02", "MGC-2", "reports itself out of service"));
    // On a host that is not active, and without a standby peer, it is refused.
    Sim alone = pair(hasim, "10s", "", LIB, "{at: 5s, mml: {node: mgc-02, command: 'sw-over::confirm'}}",
        "{at: 6s, crash: mgc-02}", "{at: 9s, mml: {node: mgc-01, command: sw-over}}");
    assertEquals(List.of("sw-over DENY 2022"), answers(alone, "mgc-02"));
    assertEquals(List.of("sw-over DENY 2028"), answers(alone, "mgc-01"));
  }

  private static Sim regression(Hasim hasim, String file) {
    return hasim.run(MgcHarness.SHIPPED.resolveSibling("regressions").resolve(file));
  }

  /** Found by hasim explore: an ACTIVE heartbeat of the peer's previous process made the active yield. */
  @HasimTest
  void MGC_2_aHeartbeatOfThePeersPreviousProcessIsIgnored(Hasim hasim) {
    Sim r = regression(hasim, "mgc-stale-heartbeat-of-a-restarted-peer-is-ignored.yaml").assertPassed();
    assertEquals(1, r.decisions("mgc-02", "MGC-2").stream()
        .filter(e -> e.string("why").startsWith("both hosts are active")).count(), "it yields once, not again");
    assertEquals("ACTIVE", r.role("mgc-02"));
  }

  /** Found by hasim explore: a prov-cpy's activation was on disk while its decision died with a restart. */
  @HasimTest
  void MGC_6_aProvCpyInterruptedByARestartIsRecordedAsItsActivationIsOnDisk(Hasim hasim) {
    Sim r = regression(hasim, "mgc-prov-cpy-interrupted-by-a-restart-is-recorded.yaml").assertPassed();
    TraceEvent copied = r.events("mgc-01", "decision").stream()
        .filter(e -> "prov-cpy".equals(e.string("mml")) && "COMPLD".equals(e.string("result"))).findFirst()
        .orElseThrow(() -> new AssertionError("the prov-cpy decision is in the trace"));
    assertEquals(49_400, copied.tMs(), "recorded when taken, before the restart of the same instant");
  }

  /** Found by hasim explore: a split is what MGC-2 asks to flag, not a defect; the split must end on hearing. */
  @HasimTest
  void MGC_2_aSplitPairIsFlaggedAndLastsOnlyUntilEachHostHearsTheOtherIsActive(Hasim hasim) {
    Sim r = regression(hasim, "mgc-split-pair-is-flagged-and-heals.yaml");
    r.assertPassed();
    assertTrue(r.result().violations().stream().anyMatch(v -> v.invariant().equals(MgcTopology.SINGLE_ACTIVE)));
    var exploration = MgcProperties.exploration(List.of(pairOf(r)));
    assertTrue(exploration.faultInvariants().containsKey(MgcTopology.SINGLE_ACTIVE),
        "explore does not count the split MGC-2 asks to flag");
    assertTrue(exploration.properties().stream().anyMatch(p -> p.name().equals(MgcProperties.SPLIT_NEEDS_SILENCE)));
  }

  /** A one-way cut: mgc-02 takes over without hearing mgc-01, which hears it: no breach of split-needs-silence. */
  @HasimTest
  void MGC_2_aSplitWhereOnlyOneHostHearsTheOtherIsNoBreach(Hasim hasim) {
    Sim r = hasim.run("name: one-way\nduration: 40s\ntopology:\n  mgc:\n    - pair: pgw\n"
        + "      hosts: [mgc-01, mgc-02]\n      " + LIB + "\nevents:\n  - {at: 10s, cut: {from: mgc-01, to: mgc-02}}\n"
        + "expect:\n  - {violation: single-active}\n");
    assertEquals("ACTIVE", r.role("mgc-01"));
    assertEquals("ACTIVE", r.role("mgc-02"));
    assertTrue(MgcProperties.splitNeedsSilence(List.of(pairOf(r))).check(r.world(), facts(r)).isEmpty());
  }

  /** Found by hasim explore: the active restarted within the failover timeout and the pair had no active. */
  @HasimTest
  void MGC_2_theStandbyTakesOverFromAnActiveThatRestartsWithinTheFailoverTimeout(Hasim hasim) {
    Sim r = regression(hasim, "mgc-standby-takes-over-from-a-restarted-active.yaml");
    r.assertPassed();
    assertTrue(r.said("mgc-01", "MGC-2", "reports itself out of service"));
    assertTrue(r.said("mgc-02", "MGC-7", "is in sync with mgc-01"));
  }

  /** Found by hasim explore: two hosts pulling from each other on stale heartbeats both stayed OOS. */
  @HasimTest
  void MGC_1_aPullFromAPeerThatIsNotActiveIsNoSyncFailureTheHostDecidesAgain(Hasim hasim) {
    Sim r = regression(hasim, "mgc-pull-from-a-non-active-decides-again.yaml");
    r.assertPassed();
    assertTrue(r.decisions("MGC-2").stream().anyMatch(e -> e.string("why").contains("decide again")));
  }

  /** Found by hasim explore (10,000 schedules): the second host waited for ever for a first host left OOS. */
  @HasimTest
  void MGC_2_theSecondHostWaitsOneFailoverTimeoutForTheFirstNotMore(Hasim hasim) {
    Sim r = regression(hasim, "mgc-second-host-does-not-wait-for-a-failed-first.yaml");
    r.assertPassed();
    assertTrue(r.said("mgc-01", "MGC-1", "stays OOS until the cause is fixed"));
    assertTrue(r.said("mgc-02", "MGC-2", "still out of service a failover timeout later"));
  }

  /** Found by hasim explore (a NullPointerException): a standby asked for the active configuration refuses. */
  @HasimTest
  void MGC_10_aStandbyAskedForTheActiveConfigurationRefusesWith2022(Hasim hasim) {
    regression(hasim, "mgc-stale-active-heartbeat-restart.yaml").assertPassed();
    Sim r = hasim.scenario("name: pull\nduration: 50s\ntopology:\n  mgc:\n    - pair: pgw\n"
        + "      hosts: [mgc-01, mgc-02]\n      " + LIB + "\n").start();
    r.advanceTo(java.time.Duration.ofSeconds(40));
    assertEquals("STANDBY", r.role("mgc-02"));
    r.tell("mgc-02", new MgcHost.Segment("mgc-01", MgcHost.LINK1, 999, 1, new MgcHost.PomMsg(
        PomCodes.EventType.POM_REQ_T, PomCodes.Subtype.POM_PEER_SYNC_MT, PomCodes.PomStatus.XE_NORMAL, null, null,
        "9.2")));
    r.runToEnd();
    assertTrue(r.said("mgc-02", "MGC-10", "refuse POM_PEER_SYNC_MT from mgc-01"));
    assertTrue(r.result().violations().isEmpty(), r.result().violations().toString());
    assertEquals("STANDBY", r.role("mgc-02"));
  }

  /** Found by hasim explore: prov-cpy is local by design (MGC-6), and active-config-in-sync now says so. */
  @HasimTest
  void MGC_6_provCpyActivatesOnThisHostOnlyAndThePairStaysApartByDesign(Hasim hasim) {
    Sim r = regression(hasim, "mgc-prov-cpy-is-local.yaml");
    r.assertPassed();
    assertEquals("CFG_explore79", r.view("mgc-01", "active_link"));
    assertEquals("CFG_pomtest1", r.view("mgc-02", "active_link"));
    // prov-dply afterwards brings them together, and the property holds without any excuse.
    Sim d = pair(hasim, "60s", "", LIB, "{at: 10s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"b\"'}}",
        "{at: 11s, mml: {node: mgc-01, command: prov-cpy}}",
        "{at: 20s, mml: {node: mgc-01, command: 'prov-sta::srcver=\"active\",dstver=\"c\"'}}",
        "{at: 21s, mml: {node: mgc-01, command: prov-dply}}");
    assertEquals("CFG_c", d.view("mgc-02", "active_link"));
    assertTrue(MgcProperties.configInSync(List.of(pairOf(d))).check(d.world(), facts(d)).isEmpty());
  }

  /** A failed prov-dply leaves the configuration active on the active host only: re-execute it (MGC-9). */
  @HasimTest
  void MGC_9_aProvDplyWhosePushFailsLeavesThePairApartUntilReexecuted(Hasim hasim) {
    Sim r = regression(hasim, "mgc-failed-prov-dply-is-reexecuted.yaml");
    r.assertPassed();
    assertFalse(answers(r, "mgc-01").stream().anyMatch(a -> a.startsWith("prov-dply COMPLD")), answers(r, "mgc-01").toString());
  }

  private static MgcPair pairOf(Sim r) {
    return r.result().scenario().topologies().stream().filter(MgcTopology.class::isInstance)
        .map(t -> ((MgcTopology) t).pairs().get("pgw")).findFirst().orElseThrow();
  }

  private static dev.hasim.scenario.expect.RunFacts facts(Sim r) {
    return new dev.hasim.scenario.expect.RunFacts(r.events(), r.result().violations(), List.of());
  }

  @HasimTest
  void everyRuleIdIsCitedInTheTrace(Hasim hasim) {
    List<Sim> runs = List.of(shipped(hasim, "prov-sync.yaml"), shipped(hasim, "upgrade-datasync-true.yaml"),
        shipped(hasim, "prov-sync-refused.yaml"), shipped(hasim, "both-links-cut.yaml"), shipped(hasim, "prov-dply.yaml"));
    for (int rule = 1; rule <= 12; rule++) {
      String id = "MGC-" + rule;
      assertTrue(runs.stream().anyMatch(r -> r.events().stream().anyMatch(e -> id.equals(e.string("rule")))),
          id + " is never cited");
    }
  }
}
