package dev.hasim.report;

import dev.hasim.cwm.CwmPlugin;
import dev.hasim.ipfe.IpfePlugin;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;

/** Runs for report tests: shipped scenarios of both models, in virtual time. */
final class ReportFixtures {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new IpfePlugin(), new CwmPlugin()));
  static final Path SCENARIOS = Path.of("../../sim-scenarios");

  private ReportFixtures() {}

  static RunResult shipped(String relative) throws Exception {
    return ScenarioRunner.run(LOADER.load(SCENARIOS.resolve(relative)), ScenarioRunner.Options.defaults());
  }

  static RunResult inline(String yaml) throws Exception {
    return ScenarioRunner.run(LOADER.parse("inline.yaml", yaml), ScenarioRunner.Options.defaults());
  }
}
