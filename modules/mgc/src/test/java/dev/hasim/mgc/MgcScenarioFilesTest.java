package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.run.RunResult;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.ShippedScenarios;
import dev.hasim.testkit.Sim;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped MGC scenario passes: its expectations are the model's documented behaviour. */
class MgcScenarioFilesTest {
  static List<Path> shipped() {
    return ShippedScenarios.in(MgcHarness.SHIPPED);
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void passes(Path file) {
    Sim r = MgcHarness.shipped(Hasim.standalone(), file.getFileName().toString()).assertPassed();
    assertFalse(r.result().files().isEmpty(), "a platform.log per host");
  }

  /** Issue 19 item 5: the active's empty platform.log of the prov-sync run is explained in the report. */
  @Test
  void MGC_12_anEmptyPlatformLogIsExplained() {
    RunResult r = MgcHarness.shipped(Hasim.standalone(), "prov-sync.yaml").result();
    assertEquals("", r.files().get("mgc-01/platform.log"), "the active logs at Error: nothing reached it");
    assertTrue(r.fileNotes().get("mgc-01/platform.log").startsWith("empty: POM on mgc-01 logs at Error and above"),
        r.fileNotes().toString());
    assertFalse(r.fileNotes().containsKey("mgc-02/platform.log"), "mgc-02 logs at Debug: its log is full");
  }

  /**
   * Every minimal scenario hasim explore found for this model, kept in sim-scenarios/regressions with its
   * corrected expectation, passes: a fix that regresses fails here even where no rule test names it.
   */
  @TestFactory
  Stream<DynamicTest> regressionScenariosFoundByExplorePass() {
    return ShippedScenarios.regressionTests(MgcHarness.SHIPPED, MgcHarness.LOADER);
  }
}
