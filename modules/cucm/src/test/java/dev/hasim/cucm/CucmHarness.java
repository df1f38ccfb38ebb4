package dev.hasim.cucm;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import java.nio.file.Path;
import java.util.List;

/** CUCM scenarios for tests: the shipped files, on the hasim test kit. */
final class CucmHarness {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new CucmPlugin()));
  static final Path SHIPPED = Path.of("../../sim-scenarios/cucm");

  private CucmHarness() {}

  /** A shipped scenario, run to its end and judged; fails the test unless it passes. */
  static Sim shipped(Hasim hasim, String file) {
    return hasim.run(SHIPPED.resolve(file)).assertPassed();
  }
}
