package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MGC-9/MGC-11: every {@code UDP send()/recv() N bytes} and {@code Dir:total number of characters to be sent = N}
 * line of the standby's platform.log, in order, against the seed's excerpts (golden/*-counts.txt copy the seed's
 * lines; the seed suppresses repeats, so the expected files list the model's full sequence, each count one the
 * seed prints for that message). The formula is PomMsg.bytes() and Version.handshakeChars().
 */
class PlatformLogCountsGoldenTest {

  @Test
  void theProvSyncExamplesByteAndCharacterCountsAreTheSeeds() throws IOException {
    Sim r = MgcHarness.shipped(Hasim.standalone(), "prov-sync.yaml");
    assertEquals(expected("/golden/prov-sync-standby-counts.txt"), counts(r));
  }

  @Test
  void theDataSyncExamplesByteAndCharacterCountsAreTheSeeds() throws IOException {
    Sim r = MgcHarness.shipped(Hasim.standalone(), "datasync-startup.yaml");
    assertEquals(expected("/golden/datasync-standby-counts.txt"), counts(r));
  }

  @Test
  void theFormulaGivesEverySizeTheSeedPrints() {
    var req = PomCodes.EventType.POM_REQ_T;
    var rsp = PomCodes.EventType.POM_RSP_T;
    var ok = PomCodes.PomStatus.XE_NORMAL;
    List<String> dirs = List.of("pomtest1", "pomtest2", "pomtest3", "pomtest4", "pomtest5", "pomtest6", "pomtest7",
        "pomtest20");
    assertEquals(193, new MgcHost.PomMsg(req, PomCodes.Subtype.POM_PEER_SYNC_MT, ok, dirs, "pomtest7", "9", "pomtest7")
        .bytes(), "prov-sync request 100/709");
    assertEquals(76, new MgcHost.PomMsg(req, PomCodes.Subtype.POM_PEER_DEPLOY_MT, ok, List.of("pomtest2"), null, "9")
        .bytes(), "prov-dply request 100/708");
    assertEquals(62, new MgcHost.PomMsg(req, PomCodes.Subtype.POM_RESTART_RESP_TIMER_MT, ok, null, null, "9").bytes());
    assertEquals(62, new MgcHost.PomMsg(rsp, PomCodes.Subtype.POM_PEER_SYNC_MT, ok, null, null, "9").bytes());
    assertEquals(279, new MgcHost.PomMsg(req, PomCodes.Subtype.POM_PEER_SYNC_MT, ok, null, null, "9").bytes());
    assertEquals(281, new MgcHost.PomMsg(rsp, PomCodes.Subtype.POM_PEER_SYNC_MT, ok, null, "pomtest1", "9", "pltest")
        .bytes(), "start-up answer 101/709");
  }

  private static List<String> counts(Sim r) {
    return MgcHarness.platformLog(r, "mgc-02").stream()
        .filter(l -> l.startsWith("UDP send()") || l.startsWith("UDP recv()")
            || l.startsWith("XEFileService::bftfrSndHandShake - Dir:total number of characters"))
        .toList();
  }

  private static List<String> expected(String resource) throws IOException {
    try (InputStream in = PlatformLogCountsGoldenTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }
}
