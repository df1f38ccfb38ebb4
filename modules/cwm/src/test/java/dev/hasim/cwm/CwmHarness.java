package dev.hasim.cwm;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;

/** Runs CWM scenarios written inline or shipped in sim-scenarios/cwm, in virtual time. */
final class CwmHarness {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new CwmPlugin()));
  static final Path SHIPPED = Path.of("../../sim-scenarios/cwm");

  private CwmHarness() {}

  static Scenario scenario(String yaml) {
    try {
      return LOADER.parse("test.yaml", yaml);
    } catch (ScenarioException e) {
      return fail(e.getMessage());
    }
  }

  static RunResult run(String yaml) {
    return ScenarioRunner.run(scenario(yaml), ScenarioRunner.Options.defaults());
  }

  static RunResult shipped(String file) {
    try {
      return ScenarioRunner.run(LOADER.load(SHIPPED.resolve(file)), ScenarioRunner.Options.defaults());
    } catch (ScenarioException e) {
      return fail(e.getMessage());
    }
  }

  static List<TraceEvent> of(RunResult r, String node, String kind) {
    return r.events().stream().filter(e -> e.node().equals(node) && e.is(kind)).toList();
  }

  static List<TraceEvent> decisions(RunResult r, String rule) {
    return r.events().stream().filter(e -> e.is("decision") && rule.equals(e.string("rule"))).toList();
  }

  static List<TraceEvent> decisions(RunResult r, String node, String rule) {
    return decisions(r, rule).stream().filter(e -> e.node().equals(node)).toList();
  }

  static boolean said(RunResult r, String node, String rule, String fragment) {
    return decisions(r, node, rule).stream().anyMatch(e -> e.string("why").contains(fragment));
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
    for (String line : extraConf.split("\n")) {
      if (!line.isBlank()) {
        yaml.append("        ").append(line).append('\n');
      }
    }
    if (events.length > 0) {
      yaml.append("events:\n");
      for (String event : events) {
        yaml.append("  - ").append(event).append('\n');
      }
    }
    return yaml.toString();
  }
}
