package dev.hasim.cwm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hasim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

/** The CWM-12 and CWM-21 scenario actions and expectations refuse bad input with file:line:column. */
class CwmActionsTest {
  private static String error(String event) {
    String yaml = """
        name: bad-action
        duration: 10s
        topology:
          cwm:
            - domain: east
              gateways: [a, b]
              conf: |
                DomainGatewayList a b
                HeartBeatInterval 5
        events:
        """ + "  - " + event + "\n";
    return assertThrows(ScenarioException.class, () -> CwmHarness.LOADER.parse("c.yaml", yaml)).getMessage();
  }

  @Test
  void CWM_12_networkProvisionNeedsAnObjectAndAKnownOp() {
    assertEquals("c.yaml:11:63: network_provision.op: expected add, modify or delete, found \"drop\"",
        firstLine(error("{at: 1s, network_provision: {node: a, object: port-1, op: drop}}")));
    String missing = firstLine(error("{at: 1s, network_provision: {node: a}}"));
    assertEquals(true, missing.startsWith("c.yaml:11:"), missing);
    assertEquals(true, missing.contains("object") && missing.contains("port-3.1"), missing);
    String unknown = firstLine(error("{at: 1s, network_provision: {node: z, object: p}}"));
    assertEquals(true, unknown.contains("z") && unknown.startsWith("c.yaml:11:"), unknown);
  }

  @Test
  void CWM_21_configuratorTakesStartOrExit() {
    String bad = firstLine(error("{at: 1s, configurator: {node: a, op: open}}"));
    assertEquals(true, bad.startsWith("c.yaml:11:") && bad.contains("configurator.op") && bad.contains("start or exit"),
        bad);
    String extra = firstLine(error("{at: 1s, configurator: {node: a, host: b}}"));
    assertEquals(true, extra.startsWith("c.yaml:11:") && extra.contains("host"), extra);
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse("");
  }
}
