package dev.hasim.cwm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.ScenarioException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CWM-23: the real CWMGateway.conf syntax, with line-numbered errors. */
class CwmConfTest {
  @Test
  void CWM_23_theSeedsExampleFileParses() throws Exception {
    CwmConf conf = CwmConf.parse("""
        DomainGatewayList cwmws1 cwmws2 cwmws3 cwmws4
        ForcedSwitchOver cwmws2
        HeartBeatInterval 20
        SP1_AutoSwitchOver ON
        PrimaryRestartInterval 15
        """, "cwmws1");
    assertEquals(List.of("cwmws1", "cwmws2", "cwmws3", "cwmws4"), conf.domainGatewayList());
    assertEquals("cwmws2", conf.forcedSwitchOver());
    assertEquals(20, conf.heartBeatIntervalS());
    assertTrue(conf.autoSwitchOver());
    assertEquals(15, conf.primaryRestartIntervalS());
  }

  @Test
  void CWM_23_defaultsCommentsAndAnyOrder() throws Exception {
    CwmConf conf = CwmConf.parse("# a comment\n\nDomainGatewayList b a   # trailing comment\n", "a");
    assertEquals(List.of("b", "a"), conf.domainGatewayList());
    assertNull(conf.forcedSwitchOver(), "ForcedSwitchOver is empty by default");
    assertTrue(conf.autoSwitchOver(), "SP1_AutoSwitchOver is ON by default");
    assertEquals(15, conf.primaryRestartIntervalS(), "PrimaryRestartInterval is 15 s by default");
    assertEquals(CwmConf.DEFAULT_HEARTBEAT_S, conf.heartBeatIntervalS());
  }

  @Test
  void CWM_23_badLinesAreReportedWithTheirLine() {
    CwmConf.ConfException unknown = assertThrows(CwmConf.ConfException.class,
        () -> CwmConf.parse("DomainGatewayList a b\nHeartbeatInterval 20\n", "a"));
    assertEquals(1, unknown.line);
    assertTrue(unknown.getMessage().contains("unknown CWMGateway.conf key 'HeartbeatInterval'"));
    assertEquals(2, assertThrows(CwmConf.ConfException.class,
        () -> CwmConf.parse("\n\nHeartBeatInterval twenty\n", "a")).line);
    assertThrows(CwmConf.ConfException.class, () -> CwmConf.parse("SP1_AutoSwitchOver MAYBE", "a"));
  }

  @Test
  void CWM_23_confErrorsInAScenarioPointAtTheFileLine() {
    String yaml = """
        name: bad-conf
        duration: 10s
        topology:
          cwm:
            - domain: east
              gateways: [a, b]
              conf: |
                DomainGatewayList a b
                HeartBeatInterval 0
        """;
    ScenarioException e = assertThrows(ScenarioException.class, () -> CwmHarness.LOADER.parse("c.yaml", yaml));
    assertTrue(e.getMessage().startsWith("c.yaml:9:1: CWMGateway.conf of a: HeartBeatInterval must be between"),
        e.getMessage());
  }

  @Test
  void CWM_1_aDomainGatewayListNamingAHostOutsideTheDomainIsAnError() {
    String yaml = """
        name: bad-list
        duration: 10s
        topology:
          cwm:
            - domain: east
              gateways: [a, b]
              conf: |
                HeartBeatInterval 5
                DomainGatewayList a b c
        """;
    ScenarioException e = assertThrows(ScenarioException.class, () -> CwmHarness.LOADER.parse("c.yaml", yaml));
    assertTrue(e.getMessage().startsWith("c.yaml:9:1: DomainGatewayList names c"), e.getMessage());
  }

  @Test
  void CWM_15_anEditSetsOneLineAndKeepsTheRest() {
    String text = "DomainGatewayList a b\nForcedSwitchOver   # none yet\nHeartBeatInterval 20\n";
    String edited = CwmConf.withLine(text, "ForcedSwitchOver b");
    assertTrue(edited.contains("ForcedSwitchOver b\n") && edited.contains("HeartBeatInterval 20"), edited);
    assertTrue(CwmConf.withLine("DomainGatewayList a b\n", "ForcedSwitchOver b").endsWith("ForcedSwitchOver b\n"));
  }
}
