package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs reuse actor systems (SimulationRuntime.lease, issue 20): a run must give the same trace whether its
 * actor system is fresh or has already served 499 runs of other scenarios and seeds in this JVM. Anything of
 * one run that outlived it — virtual time, queued timers or messages, a node actor or its name, the heap
 * compaction count, a sequence number — would show in the 500th run's trace hash.
 */
class PooledRunDeterminismTest {
  private static final Path SCENARIOS = Path.of("../../sim-scenarios");

  @AfterEach
  void poolingBackOn() {
    SimulationRuntime.pooling(true);
  }

  @Test
  void theSameRunAloneAndAsThe500thOfASweepInOneJvmHasTheSameTraceHash() throws Exception {
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    // CWM with jitter, a graceful shutdown and restarts: node actors stop and start again within the run.
    Scenario target = loader.load(SCENARIOS.resolve("cwm/primary-graceful-shutdown.yaml"));
    List<Scenario> others = List.of(loader.load(SCENARIOS.resolve("ipfe/lossy-link.yaml")),
        loader.load(SCENARIOS.resolve("cwm/primary-crash-autoswitchover.yaml")), target);

    SimulationRuntime.pooling(false);
    RunResult alone = run(target, 3);
    SimulationRuntime.pooling(true);

    long systemsBefore = SimulationRuntime.systemsCreatedForLeases();
    for (int i = 0; i < 499; i++) {
      run(others.get(i % others.size()), 1000 + i);
    }
    RunResult the500th = run(target, 3);
    assertTrue(SimulationRuntime.systemsCreatedForLeases() - systemsBefore <= 1,
        "one thread, one actor system for all 500 runs: they really reused it");
    assertEquals(alone.traceSha256(), the500th.traceSha256(), "alone and as the 500th run of a sweep");
    assertEquals(alone.traceJsonl(), the500th.traceJsonl());
  }

  private static RunResult run(Scenario scenario, long seed) {
    return ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(seed));
  }
}
