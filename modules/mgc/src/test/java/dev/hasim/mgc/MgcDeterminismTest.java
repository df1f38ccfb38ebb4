package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Seeds;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.VerifyDeterminism;

/** A run is a pure function of (scenario, seed): the same trace and the same platform.log every time. */
class MgcDeterminismTest {
  private static final String LOSSY = "lossy-link-timeout.yaml";

  @HasimTest
  void theSameSeedGivesTheSameTraceAndLogs(Hasim hasim) {
    Sim a = hasim.scenario(MgcHarness.SHIPPED.resolve(LOSSY)).seed(7).start().runToEnd();
    Sim b = hasim.scenario(MgcHarness.SHIPPED.resolve(LOSSY)).seed(7).start().runToEnd();
    assertEquals(a.traceSha256(), b.traceSha256());
    assertEquals(a.result().files(), b.result().files());
    Sim c = hasim.scenario(MgcHarness.SHIPPED.resolve(LOSSY)).seed(8).start().runToEnd();
    assertNotEquals(a.traceSha256(), c.traceSha256(), "loss is drawn from the seed");
  }

  @Seeds(from = 1, to = 8)
  @VerifyDeterminism
  void theLossyScenarioHoldsForEverySeedOfASweep(Hasim hasim) {
    MgcHarness.shipped(hasim, LOSSY).assertPassed();
  }
}
