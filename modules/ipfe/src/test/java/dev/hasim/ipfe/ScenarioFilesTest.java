package dev.hasim.ipfe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.testkit.ShippedScenarios;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every scenario shipped in sim-scenarios/ipfe passes; a broken scenario or model fails the build. */
class ScenarioFilesTest {
  static final Path SCENARIOS = Path.of("../../sim-scenarios/ipfe");

  static List<Path> files() {
    return ShippedScenarios.in(SCENARIOS);
  }

  @TestFactory
  Stream<DynamicTest> shippedIpfeScenariosPass() {
    List<Path> files = files();
    assertTrue(files.size() >= 5, "at least five IPFE scenarios, found " + files.size());
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      Scenario scenario = loadOrFail(file);
      RunResult r = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
      assertEquals(RunResult.Verdict.PASS, r.verdict(), () -> r.expectations() + " " + r.violations());
      assertTrue(!scenario.expectations().isEmpty(), "every shipped scenario states expectations");
    }));
  }

  private static Scenario loadOrFail(Path file) throws ScenarioException {
    return IpfeHarness.LOADER.load(file);
  }
}
