package dev.hasim.cwm;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** CWM scenarios for tests: the shipped files and a domain template, on the hasim test kit. */
final class CwmHarness {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new CwmPlugin()));
  static final Path SHIPPED = Path.of("../../sim-scenarios/cwm");

  private CwmHarness() {}

  /** A shipped scenario, run to its end and judged; fails the test unless it passes. */
  static Sim shipped(Hasim hasim, String file) {
    return hasim.run(SHIPPED.resolve(file)).assertPassed();
  }

  /** Domain east of gw1..gw{hosts}, started one second apart in list order, HeartBeatInterval {@code heartbeatS}. */
  static Topology.CwmDomain domain(int hosts, int heartbeatS) {
    String[] names = new String[hosts];
    for (int i = 0; i < hosts; i++) {
      names[i] = "gw" + (i + 1);
    }
    return Topology.cwm("east").gateways(names).startingEvery(Duration.ofSeconds(1))
        .conf("HeartBeatInterval " + heartbeatS);
  }

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
