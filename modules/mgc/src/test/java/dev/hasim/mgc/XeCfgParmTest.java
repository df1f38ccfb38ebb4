package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

/** XECfgParm.dat as the seed prints it, MML as operators type it, and scenario errors with their lines. */
class XeCfgParmTest {
  @Test
  void readsTheSeedsLinesWithTheirComments() throws Exception {
    XeCfgParm p = XeCfgParm.parse("""
        # XECfgParm.dat
        diskmonitor.CfgRmDirs = 64    # remove old config directories if more than X exist (0 = disable)
        pom.dataSync = false # don't synch slave data with master
        pom.port = default      # use port 4001 when set to default
        pom.logPrio = Debug
        engine.SysVirtualSwitch = 0
        """);
    assertEquals(64, p.cfgRmDirs());
    assertFalse(p.dataSync());
    assertEquals(4001, p.port());
    assertEquals(LogLevel.DEBUG, p.logPrio());
    assertEquals("0", p.all().get("engine.SysVirtualSwitch"), "other keys are kept as written");
  }

  @Test
  void defaultsAreTheShippedValues() throws Exception {
    XeCfgParm p = XeCfgParm.parse("");
    assertFalse(p.dataSync(), "MGC-7: pom.dataSync is false by default");
    assertEquals(64, p.cfgRmDirs(), "MGC-5: diskmonitor.CfgRmDirs is 64 by default");
    assertEquals(LogLevel.ERR, p.logPrio());
  }

  @Test
  void aBadLineIsReportedWithItsNumber() {
    XeCfgParm.ParmException e = assertThrows(XeCfgParm.ParmException.class,
        () -> XeCfgParm.parse("pom.port = default\npom.dataSync = yes\n"));
    assertEquals(1, e.line);
    assertTrue(e.getMessage().contains("pom.dataSync is true or false, not 'yes'"), e.getMessage());
    assertEquals(0, assertThrows(XeCfgParm.ParmException.class, () -> XeCfgParm.parse("pom.dataSync true")).line);
  }

  @Test
  void setParamReplacesTheValueAndKeepsTheComment() {
    String text = "pom.dataSync = true # sync standby with active\ndiskmonitor.CfgRmDirs = 64\n";
    assertEquals("pom.dataSync = false # sync standby with active\ndiskmonitor.CfgRmDirs = 64\n",
        XeCfgParm.withValue(text, "pom.dataSync", "false"));
    assertEquals("pom.port = 4005\n", XeCfgParm.withValue("", "pom.port", "4005"));
  }

  @Test
  void mmlCommandsParseAsTyped() throws Exception {
    Mml.Command sta = Mml.parse("prov-sta::srcver=\"active\",dstver=\"pom-test8\"");
    assertEquals(Mml.Verb.PROV_STA, sta.verb());
    assertEquals("pom-test8", sta.params().get("dstver"));
    assertEquals("debug", Mml.parse("set-log:pom-01:debug,confirm").params().get("level"));
    assertEquals(Mml.Verb.PROV_SYNC, Mml.parse("PROV-SYNC").verb());
    assertTrue(assertThrows(Mml.MmlException.class, () -> Mml.parse("prov-snyc")).getMessage()
        .contains("unknown MML command"));
    assertThrows(Mml.MmlException.class, () -> Mml.parse("set-log:pom-01:loud"));
  }

  @Test
  void scenarioErrorsNameTheFileLineAndWhatWasExpected() {
    ScenarioException bad = assertThrows(ScenarioException.class, () -> MgcHarness.LOADER.parse("bad.yaml", """
        name: bad
        duration: 10s
        topology:
          mgc:
            - pair: pgw
              hosts: [mgc-01, mgc-02]
              xecfgparm: |
                pom.dataSync = true
                diskmonitor.CfgRmDirs = lots
        """));
    assertTrue(bad.getMessage().startsWith("bad.yaml:9:"), bad.getMessage());
    assertTrue(bad.getMessage().contains("diskmonitor.CfgRmDirs is a whole number"), bad.getMessage());

    ScenarioException one = assertThrows(ScenarioException.class, () -> MgcHarness.LOADER.parse("one.yaml", """
        name: one
        duration: 10s
        topology:
          mgc:
            - {pair: pgw, hosts: [mgc-01]}
        """));
    assertTrue(one.getMessage().contains("two different hosts"), one.getMessage());

    ScenarioException mml = assertThrows(ScenarioException.class, () -> MgcHarness.LOADER.parse("m.yaml", """
        name: m
        duration: 10s
        topology:
          mgc:
            - {pair: pgw, hosts: [mgc-01, mgc-02]}
        events:
          - {at: 1s, mml: {node: mgc-01, command: prov-snyc}}
        """));
    assertTrue(mml.getMessage().startsWith("m.yaml:7:"), mml.getMessage());
  }
}
