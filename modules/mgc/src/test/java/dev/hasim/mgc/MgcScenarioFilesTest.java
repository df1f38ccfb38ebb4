package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.testing.ScenarioHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped MGC scenario passes: its expectations are the model's documented behaviour. */
class MgcScenarioFilesTest {
  static List<Path> shipped() {
    return ScenarioHarness.shipped(MgcHarness.SHIPPED);
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void passes(Path file) {
    RunResult r = MgcHarness.HARNESS.run(file);
    assertEquals(RunResult.Verdict.PASS, r.verdict(), file + ": " + r.expectations() + " " + r.unexpectedViolations());
    assertFalse(r.files().isEmpty(), "a platform.log per host");
  }
}
