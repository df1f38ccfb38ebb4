package dev.hasim.ipfe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** A run is a pure function of (scenario, seed): tested, not hoped for. */
class DeterminismTest {
  private static final Scenario JITTERY = IpfeHarness.HARNESS.scenario("""
      name: jittery
      duration: 60s
      network: {latency: 2ms, jitter: 40ms, loss: 0}
      topology:
        ipfe:
          - servers: [IPFE-A1, IPFE-A2, IPFE-B1, IPFE-B2]
      events:
        - {at: 5s, degrade: {link: [IPFE-B1, IPFE-B2], loss: 45%}}
        - {at: 10s, cut: {from: IPFE-A1, to: IPFE-A2}}
        - {at: 20s, heal: all}
        - {at: 30s, crash: {node: IPFE-B2, restart_after: 4s}}
      """);

  private static RunResult run(long seed) {
    return ScenarioRunner.run(JITTERY, ScenarioRunner.Options.defaults().withSeed(seed));
  }

  @Test
  void theSameSeedGivesTheSameTraceHash() {
    RunResult first = run(42);
    RunResult second = run(42);
    assertEquals(first.traceSha256(), second.traceSha256());
    assertEquals(first.traceJsonl(), second.traceJsonl());
  }

  @Test
  void anotherSeedWithJitterGivesAnotherTrace() {
    assertNotEquals(run(42).traceSha256(), run(43).traceSha256());
  }
}
