package dev.hasim.ipfe;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.testing.ScenarioHarness;

/** IPFE scenarios for tests: the shared harness with the IPFE model, and a two-server template. */
final class IpfeHarness {
  static final ScenarioHarness HARNESS = new ScenarioHarness(new IpfePlugin());
  static final ScenarioLoader LOADER = HARNESS.loader();

  private IpfeHarness() {}

  /** Two servers, 1 ms links, the given events (YAML list items). */
  static String pair(String duration, String... events) {
    return pairWith(duration, null, events);
  }

  /** The same, with one more line of DSR settings, e.g. {@code heartbeat: 1s}. */
  static String pairWith(String duration, String dsrSetting, String... events) {
    StringBuilder yaml = new StringBuilder("""
        name: ipfe-test
        duration: %s
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2]
        """.formatted(duration));
    if (dsrSetting != null) {
      yaml.append("      ").append(dsrSetting).append('\n');
    }
    if (events.length > 0) {
      yaml.append("events:\n");
    }
    for (String event : events) {
      yaml.append("  - ").append(event).append('\n');
    }
    return yaml.toString();
  }
}
