package dev.hasim.cwm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Every shipped CWM scenario passes, and runs twice to the same trace hash. */
class CwmScenarioFilesTest {
  static List<Path> files() {
    return ShippedScenarios.in(CwmHarness.SHIPPED);
  }

  @TestFactory
  Stream<DynamicTest> shippedCwmScenariosPassAndAreDeterministic() {
    List<Path> files = files();
    assertTrue(files.size() >= 12, "the scenarios the issue lists, found " + files.size());
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      Scenario scenario = CwmHarness.LOADER.load(file);
      assertFalse(scenario.expectations().isEmpty(), "every shipped scenario states expectations");
      RunResult first = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
      RunResult second = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
      assertEquals(RunResult.Verdict.PASS, first.verdict(), () -> first.expectations() + " " + first.violations());
      assertEquals(first.traceSha256(), second.traceSha256(), "same scenario, same seed, same trace");
    }));
  }
}
