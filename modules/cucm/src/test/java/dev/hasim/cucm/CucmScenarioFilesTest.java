package dev.hasim.cucm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.testkit.ShippedScenarios;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every scenario shipped in sim-scenarios/cucm passes; a broken scenario or model fails the build. */
class CucmScenarioFilesTest {
  @TestFactory
  Stream<DynamicTest> shippedCucmScenariosPass() {
    List<Path> files = ShippedScenarios.in(CucmHarness.SHIPPED);
    assertTrue(!files.isEmpty(), "CUCM scenarios shipped");
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      Scenario scenario = CucmHarness.LOADER.load(file);
      RunResult r = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
      assertEquals(RunResult.Verdict.PASS, r.verdict(), () -> r.expectations() + " " + r.violations());
      assertTrue(!scenario.expectations().isEmpty(), "every shipped scenario states expectations");
    }));
  }

  /**
   * Every minimal scenario hasim explore found for this model, kept in sim-scenarios/regressions with its
   * corrected expectation, passes: a fix that regresses fails here even where no rule test names it.
   */
  @TestFactory
  Stream<DynamicTest> regressionScenariosFoundByExplorePass() {
    return ShippedScenarios.regressionTests(CucmHarness.SHIPPED, CucmHarness.LOADER);
  }
}
