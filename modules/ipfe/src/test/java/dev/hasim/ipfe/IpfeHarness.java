package dev.hasim.ipfe;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Topology;
import java.util.List;

/** IPFE scenarios for tests: a two-server pair on the hasim test kit. */
final class IpfeHarness {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new IpfePlugin()));

  private IpfeHarness() {}

  /** IPFE-A1 and IPFE-A2 on 1 ms links, started; virtual time at 0. */
  static Sim pair(Hasim hasim) {
    return hasim.topology(Topology.ipfe("IPFE-A1", "IPFE-A2")).start();
  }

  /** The same with one more line of DSR settings, e.g. {@code heartbeat: 1s}. */
  static Sim pairWith(Hasim hasim, String dsrSetting) {
    return hasim.topology(Topology.empty().section("ipfe", "- servers: [IPFE-A1, IPFE-A2]\n  " + dsrSetting)).start();
  }
}
