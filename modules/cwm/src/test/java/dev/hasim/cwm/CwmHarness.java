package dev.hasim.cwm;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.testing.ScenarioHarness;
import java.nio.file.Path;

/** CWM scenarios for tests: the shared harness with the CWM model, the shipped files, a domain template. */
final class CwmHarness {
  static final ScenarioHarness HARNESS = new ScenarioHarness(new CwmPlugin());
  static final ScenarioLoader LOADER = HARNESS.loader();
  static final Path SHIPPED = Path.of("../../sim-scenarios/cwm");

  private CwmHarness() {}

  static RunResult shipped(String file) {
    return HARNESS.run(SHIPPED.resolve(file));
  }

  /**
   * A domain of {@code hosts} gateways started one second apart in list order, HeartBeatInterval
   * {@code heartbeatS}, and the given events (YAML list items).
   */
  static String domain(int hosts, int heartbeatS, String duration, String extraConf, String... events) {
    StringBuilder yaml = new StringBuilder("name: cwm-test\nduration: " + duration + "\ntopology:\n  cwm:\n"
        + "    - domain: east\n      gateways:\n");
    StringBuilder list = new StringBuilder();
    for (int i = 1; i <= hosts; i++) {
      yaml.append("        - {host: gw").append(i).append(", start: ").append(i - 1).append("s}\n");
      list.append(" gw").append(i);
    }
    yaml.append("      conf: |\n        DomainGatewayList").append(list).append("\n        HeartBeatInterval ")
        .append(heartbeatS).append("\n");
    ScenarioHarness.appendIndented(yaml, "        ", extraConf);
    ScenarioHarness.appendEvents(yaml, events);
    return yaml.toString();
  }
}
