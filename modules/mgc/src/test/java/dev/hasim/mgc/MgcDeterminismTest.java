package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** A run is a pure function of (scenario, seed): the same trace and the same platform.log every time. */
class MgcDeterminismTest {
  @Test
  void theSameSeedGivesTheSameTraceAndLogs() throws Exception {
    Scenario scenario = MgcHarness.HARNESS.loader().load(MgcHarness.SHIPPED.resolve("lossy-link-timeout.yaml"));
    RunResult a = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(7L));
    RunResult b = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(7L));
    assertEquals(a.traceSha256(), b.traceSha256());
    assertEquals(a.files(), b.files());
    RunResult c = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(8L));
    assertNotEquals(a.traceSha256(), c.traceSha256(), "loss is drawn from the seed");
  }

  @Test
  void theLossyScenarioHoldsForEverySeedOfASweep() throws Exception {
    Scenario scenario = MgcHarness.HARNESS.loader().load(MgcHarness.SHIPPED.resolve("lossy-link-timeout.yaml"));
    for (long seed = 1; seed <= 8; seed++) {
      RunResult r = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(seed));
      assertEquals(RunResult.Verdict.PASS, r.verdict(), "seed " + seed + ": " + r.expectations());
    }
  }
}
