package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated platform.log of the seed's prov-sync example against the seed's own trace: the ordered codes
 * (event type, subtype, resp status, operationStatus) and the lines an engineer searches for (MGC-11, MGC-12).
 */
class PlatformLogGoldenTest {
  private static final Pattern RECEIVED = Pattern.compile("pomMgr::handleEvent: Received Evt (\\d+), Msg. Type (\\d+)");
  private static final Pattern SENT = Pattern.compile("pomMgr::sendPeerMsg: sending msg type (\\d+), subtype (\\d+), resp status (\\d+)");
  private static final Pattern CALLBACK = Pattern.compile("pomMgr::fileXferCallback: Entering with path = \\S+/(CFG_\\S+), operationStatus = (\\d+)");
  private static final Pattern HEADER = Pattern.compile(
      "(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{2} \\d{2}:\\d{2}:\\d{2}:\\d{3} \\d{4} WET "
          + "\\| ProvObjectManager \\(PID \\d+\\) <(Debug|Info|Warning|Error)>");

  @Test
  void theProvSyncExampleLogsTheSeedsCodesInTheSeedsOrder() throws IOException {
    Sim r = RunResultHolder.PROV_SYNC;
    List<String> actual = new ArrayList<>();
    for (String line : MgcHarness.platformLog(r, "mgc-02")) {
      Matcher m;
      if ((m = RECEIVED.matcher(line)).matches()) {
        actual.add("recv " + m.group(1) + "/" + m.group(2));
      } else if ((m = SENT.matcher(line)).matches()) {
        actual.add("send " + m.group(1) + "/" + m.group(2) + "/" + m.group(3));
      } else if ((m = CALLBACK.matcher(line)).matches()) {
        actual.add(m.group(1) + " " + m.group(2));
      }
    }
    assertEquals(expected("/golden/prov-sync-standby.txt"), actual);
  }

  /** The seed's "pom.dataSync on Startup" example, on the standby: its lines in the seed's order (MGC-7). */
  @org.junit.jupiter.api.Test
  void theDataSyncExampleWritesTheSeedsLinesInOrder() {
    Sim r = dev.hasim.testkit.Hasim.standalone().run(MgcHarness.SHIPPED.resolve("datasync-startup.yaml"));
    List<String> log = MgcHarness.platformLog(r, "mgc-02");
    String lib = "/opt/CiscoMGC/etc/CONFIG_LIB/";
    List<String> inOrder = List.of(
        "pomMgr::initialize: starting ...",
        "pomMgr::signalCallback: link1 state = 2, link2 state = 1",
        "pomMgr::signalCallback: link1 state = 1, link2 state = 1",
        "pomProcEvtHdlr: heartbeat...",
        "pomProcEvtHdlr::handleGoStandbyLocal - POM is trying to switch the its role to Standby.",
        "pomMgr::sendPeerMsg: sending msg type 100, subtype 709, resp status 0",
        "formatted read from 10.48.84.24:4001 10.48.84.65 (fd=9), event type 101",
        "pomMgr::handleEvent: Received Evt 101, Msg. Type 709",
        "pomMgr::peerSyncProvData. Platform state = 2.",
        "pomMgr::peerSyncProvData. instandby box,mgrState= 4",
        "pomMgr::peerSyncProvData: Starting Warmstart.",
        "pomMgr::peerSyncProvData: Initiate active-version filexfer.",
        "pomMgr::peerSyncProvData file xfer = CFG_pomtest1",
        "pomMgr::peerSyncProvData: successfully initiated file transfer for 1 directories",
        "XEFileService::tftp_readfile- accessing current entry in the directory file list: components.dat",
        "pomMgr::fileXferCallback: Entering with path = " + lib + "CFG_pomtest1, operationStatus = 5",
        "pomMgr::peerSyncProvData. instandby box,mgrState= 6",
        "pomMgr::setupActvLink. Set link to [" + lib + "CFG_pomtest1].",
        "pomMgr::setupProvLink. Set link to [" + lib + "CFG_pltest].",
        "pomMgr::sendPeerMsg: sending msg type 100, subtype 713, resp status 0",
        "pomMgr::peerSyncProvData: Ending Warmstart.");
    int at = 0;
    for (String expected : inOrder) {
      int found = log.subList(at, log.size()).indexOf(expected);
      assertTrue(found >= 0, "after line " + at + ": " + expected + "\n" + String.join("\n", log));
      at += found + 1;
    }
  }

  @Test
  void theSeedsKeyLinesAppearInOrder() {
    List<String> log = MgcHarness.platformLog(RunResultHolder.PROV_SYNC, "mgc-02");
    String lib = "/opt/CiscoMGC/etc/CONFIG_LIB/";
    List<String> inOrder = List.of(
        "pomMgr::peerSyncProvData. Platform state = 2.",
        "pomMgr::peerSyncProvData. instandby box,mgrState= 1",
        "pomMgr::peerSyncProvData: Starting Warmstart.",
        "pomMgr::peerSyncProvData: NOW initiating file transfer for multiple directories",
        "XEFileService::transferFile called by the application ,localpath " + lib + "CFG_pomtest1: remotepath "
            + lib + "CFG_pomtest1: filename CFG_pomtest1",
        "pomMgr::peerSyncProvData total count attempted = 8",
        "pomMgr::peerSyncProvData: successfully initiated file transfer for 8 directories",
        "XEFileService::checkReqResult: Entering with requestTransfer = 1",
        "XEFileService::checkReqResult:setting transferState to (FREE)",
        "pomMgr::fileXferCallback: Entering with path = " + lib + "CFG_pomtest1, operationStatus = 4",
        "pomMgr::peerSyncProvData. instandby box,mgrState= 6",
        "XEFileService::hndShakeCallBack- In Handshake count as Int is 1",
        "XEFileService::hndShakeCallBack- Message Type in hndShakeCallBack is N",
        "XEFileService::tftp_readfile- accessing current entry in the directory file list: components.dat",
        "XEFileService::getFileAttributes(): for file:" + lib + "CFG_pomtest7/components.dat succeeded",
        "XEFileService::bftfrSndHandShake()-param->general.count < = 0 for case get_dir",
        "XEFileService::hndShakeCallBack- In Handshake count as Int is 55",
        "XEFileService::tftp_readfile- accessing current entry in the directory file list: accRespCat.dat",
        "pomMgr::setupActvLink. Set link to [" + lib + "CFG_pomtest7].",
        "pomMgr::setupProvLink. Set link to [" + lib + "CFG_pomtest7].",
        "pomMgr::prepareActvFiles. Executing command [cp -p " + lib + "CFG_pomtest7/[a-z]*.dat /opt/CiscoMGC/etc/].",
        "XETable::reload: validation = 0, process = ProvObjectManager, table = components, delCnt = 0, updCnt = 0, insCnt = 0",
        "pomMgr::sendUpdateRequest: reloading components",
        "XETable::purge: validation = 1, process = ProvObjectManager, table = components, purge count = 0",
        "pomMgr::peerSyncProvData: Ending Warmstart.",
        "pomMgr::peerSyncProvData. peer 0",
        "pomMgr::sendPeerMsg: sending msg type 101, subtype 709, resp status 0",
        "UDP send() 62 bytes to 10.48.84.24:4001 10.48.84.65 (fd=9), written=62");
    int at = -1;
    for (String expected : inOrder) {
      int next = indexAfter(log, expected, at);
      assertTrue(next > at, "missing or out of order after line " + at + ": " + expected);
      at = next;
    }
  }

  @Test
  void everyEntryHasTheSeedsHeaderThenItsMessageThenABlankLine() {
    String text = RunResultHolder.PROV_SYNC.result().files().get(PlatformLog.path("mgc-02"));
    List<String> lines = text.lines().toList();
    assertTrue(lines.size() > 300);
    for (int i = 0; i < lines.size(); i += 3) {
      assertTrue(HEADER.matcher(lines.get(i)).matches(), "line " + (i + 1) + ": " + lines.get(i));
      assertTrue(!lines.get(i + 1).isBlank(), "line " + (i + 2));
      assertEquals("", lines.get(i + 2), "line " + (i + 3));
    }
    assertTrue(lines.get(0).startsWith("Sun Oct 20 16:07:00:000 2002 WET"), "virtual 0 s is the seed's morning");
  }

  private static int indexAfter(List<String> log, String line, int after) {
    for (int i = after + 1; i < log.size(); i++) {
      if (log.get(i).equals(line)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> expected(String resource) throws IOException {
    try (InputStream in = PlatformLogGoldenTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }

  /** One run shared by the tests that only read it. */
  private static final class RunResultHolder {
    static final Sim PROV_SYNC = MgcHarness.shipped(Hasim.standalone(), "prov-sync.yaml");
  }
}
