package dev.hasim.ipfe;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.List;
import java.util.Map;

/** Runs small IPFE scenarios written inline, in virtual time. */
final class IpfeHarness {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new IpfePlugin()));

  private IpfeHarness() {}

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

  static List<TraceEvent> events(RunResult r, String node, String kind) {
    return r.events().stream().filter(e -> e.node().equals(node) && e.is(kind)).toList();
  }

  static List<TraceEvent> decisions(RunResult r, String node, String rule) {
    return r.events().stream()
        .filter(e -> e.node().equals(node) && e.is("decision") && rule.equals(e.string("rule"))).toList();
  }

  static Map<String, RunResult.NodeFinal> finalState(RunResult r) {
    return r.finalState();
  }

  /** Two servers, 1 ms links, the given events (YAML list items). */
  static String pair(String duration, String... events) {
    StringBuilder yaml = new StringBuilder("""
        name: ipfe-test
        duration: %s
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2]
        events:
        """.formatted(duration));
    if (events.length == 0) {
      yaml.setLength(yaml.length() - "events:\n".length());
    }
    for (String event : events) {
      yaml.append("  - ").append(event).append('\n');
    }
    return yaml.toString();
  }
}
