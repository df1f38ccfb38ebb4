package dev.hasim.scenario.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/adding-a-model.md runs as a model like any other. */
class BeaconModelTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new BeaconPlugin()));

  private static RunResult run(String yaml) throws Exception {
    return ScenarioRunner.run(LOADER.parse("beacon.yaml", yaml), ScenarioRunner.Options.defaults());
  }

  @Test
  void BEACON_1_theFirstNodeLeadsAndTheOthersFollowIt() throws Exception {
    RunResult r = run("""
        name: beacon
        duration: 20s
        topology:
          beacon:
            - {group: g1, nodes: [b1, b2, b3], interval: 1s}
        expect:
          - {at: 10s, role: {node: b1, is: LEADER}}
          - {at: 10s, role: {node: b3, is: FOLLOWER}}
          - {invariant: single-leader}
        """);
    assertEquals(RunResult.Verdict.PASS, r.verdict(), () -> r.expectations() + " " + r.violations());
    assertEquals("b1", r.finalState().get("b3").views().get("leader"));
  }

  @Test
  void BEACON_3_whenTheLeaderCrashesTheNextNodeTakesTheLead() throws Exception {
    RunResult r = run("""
        name: beacon-crash
        duration: 30s
        topology:
          beacon:
            - {group: g1, nodes: [b1, b2, b3], interval: 1s}
        events:
          - {at: 10s, crash: b1}
        expect:
          - {at: 20s, role: {node: b2, is: LEADER}}
          - {at: 20s, role: {node: b3, is: FOLLOWER}}
        """);
    assertEquals(RunResult.Verdict.PASS, r.verdict(), () -> r.expectations() + " " + r.violations());
    assertEquals("b2", r.finalState().get("b3").views().get("leader"));
  }
}
