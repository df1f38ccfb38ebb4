package dev.hasim.testkit;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.run.LiveRun;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulation about to start: its seed and the nodes the test plays itself. */
public final class SimBuilder {
  private final Hasim owner;
  private final Scenario scenario;
  private final Map<String, FakePeer> fakes = new LinkedHashMap<>();
  private Long seed;

  SimBuilder(Hasim owner, Scenario scenario) {
    this.owner = owner;
    this.scenario = scenario;
  }

  /** This simulation's seed, whatever the test's or the scenario's. */
  public SimBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The test plays {@code node}: it receives and records, and answers nothing ({@link FakePeer#SILENT}). */
  public SimBuilder fake(String node) {
    return fake(node, FakePeer.SILENT);
  }

  /** The test plays {@code node} with {@code script}, which runs at each message's arrival instant. */
  public SimBuilder fake(String node, FakePeer.Script script) {
    if (!scenario.nodeNames().contains(node)) {
      throw new IllegalArgumentException("fake " + node + ": not a node of the topology " + scenario.nodeNames()
          + "; a fake takes a declared node's place, so the model knows its name");
    }
    fakes.put(node, new FakePeer(node, script));
    return this;
  }

  /** Builds the nodes and schedules the scenario's events; virtual time stands at 0 until advanced. */
  public Sim start() {
    long runSeed = owner.seedFor(scenario, seed);
    LiveRun run = new LiveRun(scenario, ScenarioRunner.Options.defaults().withSeed(runSeed),
        spec -> fakes.containsKey(spec.name()) ? fakes.get(spec.name()).replace(spec) : spec);
    return owner.register(new Sim(owner, owner.loader(), run, Map.copyOf(fakes)));
  }
}
