package dev.hasim.scenario.run;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.InvariantMonitor;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.ModelTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario: builds the nodes on a runtime, schedules the scenario's actions, lets time run to the end,
 * then judges the trace (invariants, convergence, expectations). In simulation the result is a pure function
 * of (scenario, seed).
 */
public final class ScenarioRunner {
  /** Invariant name for a node whose code threw: always a failure, never expected. */
  public static final String NODE_ERROR_INVARIANT = "no-node-errors";

  private ScenarioRunner() {}

  public record Options(Long seed, boolean realtime, ActorRuntime.Progress progress) {
    public static Options defaults() {
      return new Options(null, false, ActorRuntime.Progress.NONE);
    }

    public Options withSeed(Long seed) {
      return new Options(seed, realtime, progress);
    }

    public Options withProgress(ActorRuntime.Progress progress) {
      return new Options(seed, realtime, progress);
    }
  }

  public static RunResult run(Scenario scenario, Options options) {
    LiveRun run = new LiveRun(scenario, options, spec -> spec);
    try {
      run.runUntil(scenario.durationMs(), options.progress());
    } finally {
      run.close();
    }
    return run.finish();
  }

  /**
   * The result of a run recorded elsewhere (a cluster worker), judged here from its trace events: the same
   * trace.jsonl and hash, invariants, convergence, expectations and model files as {@link #run} gave there,
   * since all of them are read from the trace. {@code stats} are the recording run's.
   */
  public static RunResult judgeRecorded(Scenario scenario, long seed, List<TraceEvent> events, RunResult.Stats stats) {
    return judge(scenario, seed, false, events, TraceFormat.jsonl(events), stats);
  }

  /** Everything after the run is read from the trace. */
  static RunResult judge(Scenario scenario, long seed, boolean realtime, List<TraceEvent> events, String jsonl,
      RunResult.Stats stats) {
    List<String> nodes = scenario.nodeNames();
    List<Invariant> invariants = scenario.invariants();
    List<Violation> violations = new ArrayList<>(
        InvariantMonitor.check(events, nodes, scenario.linkTable(), invariants, scenario.durationMs()));
    for (TraceEvent event : events) {
      if (event.is(EventKind.NODE_ERROR)) {
        violations.add(new Violation(NODE_ERROR_INVARIANT, event.tMs(), event.tMs(), event.node(),
            event.string("error"), "the node's own code"));
      }
    }
    violations.sort(Comparator.comparingLong(Violation::tMs));
    List<Convergence.Result> convergence = Convergence.measure(events, nodes, scenario.linkTable(),
        world -> stable(scenario, invariants, world), violations,
        fault -> scenario.settleMsFor(namedIn(fault)), scenario.durationMs());
    RunFacts facts = new RunFacts(events, violations, convergence);

    List<RunResult.ExpectationResult> results = new ArrayList<>();
    List<Expectation> timed = scenario.expectations().stream().filter(e -> e.atMs() != null)
        .sorted(Comparator.comparingLong(Expectation::atMs)).toList();
    Map<Expectation, Expectation.Check> checks = new LinkedHashMap<>();
    WorldState world = new WorldState(nodes, scenario.linkTable());
    int i = 0;
    for (Expectation expectation : timed) {
      while (i < events.size() && events.get(i).tMs() <= expectation.atMs()) {
        world.apply(events.get(i++));
      }
      checks.put(expectation, expectation.judge(world, facts));
    }
    while (i < events.size()) {
      world.apply(events.get(i++));
    }
    for (Expectation expectation : scenario.expectations()) {
      Expectation.Check check = expectation.atMs() != null ? checks.get(expectation) : expectation.judge(world, facts);
      results.add(new RunResult.ExpectationResult(expectation.text(), check.ok(), check.detail(),
          expectation.where()));
    }
    Map<String, RunResult.NodeFinal> finalState = new LinkedHashMap<>();
    for (WorldState.NodeView view : world.nodes()) {
      finalState.put(view.name(), RunResult.NodeFinal.of(view));
    }
    List<String> diagnoses = new ArrayList<>();
    Map<String, String> files = new java.util.TreeMap<>();
    Map<String, String> fileNotes = new java.util.TreeMap<>();
    for (ModelTopology topology : scenario.topologies()) {
      diagnoses.addAll(topology.diagnoses(world));
      Map<String, String> own = topology.files(events);
      files.putAll(own);
      fileNotes.putAll(topology.fileNotes(own, world));
    }
    return new RunResult(scenario, seed, realtime, events, jsonl, TraceFormat.sha256(jsonl), results, violations,
        convergence, finalState, List.copyOf(diagnoses), java.util.Collections.unmodifiableMap(files), stats,
        java.util.Collections.unmodifiableMap(fileNotes));
  }

  /** The node names a fault event mentions: its target and any name among its fields (lists included). */
  static java.util.Set<String> namedIn(TraceEvent fault) {
    java.util.Set<String> names = new java.util.HashSet<>();
    names.add(fault.node());
    for (Object value : fault.fields().values()) {
      if (value instanceof java.util.Collection<?> many) {
        many.forEach(v -> names.add(String.valueOf(v)));
      } else if (value != null) {
        names.add(String.valueOf(value));
      }
    }
    return names;
  }

  /** Settled: no invariant breached at this instant (grace aside) and every model's own predicate holds. */
  private static boolean stable(Scenario scenario, List<Invariant> invariants, WorldState world) {
    boolean[] breached = {false};
    for (Invariant invariant : invariants) {
      invariant.check(world, (subject, detail) -> breached[0] = true);
      if (breached[0]) {
        return false;
      }
    }
    for (ModelTopology topology : scenario.topologies()) {
      if (!topology.stable(world)) {
        return false;
      }
    }
    return true;
  }
}
