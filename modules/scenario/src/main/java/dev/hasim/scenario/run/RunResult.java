package dev.hasim.scenario.run;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import java.util.List;
import java.util.Map;

/**
 * Everything a run produced. All of it but {@link Stats} is derived from the trace, and so is a pure
 * function of (scenario, seed) in simulation. {@code files} are the models' extra files for the run folder
 * (relative path to content, e.g. an MGC host's platform.log).
 */
public record RunResult(
    Scenario scenario,
    long seed,
    boolean realtime,
    List<TraceEvent> events,
    String traceJsonl,
    String traceSha256,
    List<ExpectationResult> expectations,
    List<Violation> violations,
    List<Convergence.Result> convergence,
    Map<String, NodeFinal> finalState,
    List<String> diagnoses,
    Map<String, String> files,
    Stats stats,
    Map<String, String> fileNotes) {

  /** Without notes on the model's files. */
  public RunResult(Scenario scenario, long seed, boolean realtime, List<TraceEvent> events, String traceJsonl,
      String traceSha256, List<ExpectationResult> expectations, List<Violation> violations,
      List<Convergence.Result> convergence, Map<String, NodeFinal> finalState, List<String> diagnoses,
      Map<String, String> files, Stats stats) {
    this(scenario, seed, realtime, events, traceJsonl, traceSha256, expectations, violations, convergence, finalState,
        diagnoses, files, stats, Map.of());
  }

  public enum Verdict { PASS, FAIL }

  /** @param where {@code file:line:column} of the expectation in the scenario; null for one made in code */
  public record ExpectationResult(String expect, boolean ok, String detail, String where) {
    public ExpectationResult(String expect, boolean ok, String detail) {
      this(expect, ok, detail, null);
    }

    /** How a failure reads: where, what, and what was found. */
    public String failure() {
      return (where == null ? "" : where + ": ") + expect + " — " + detail;
    }
  }

  /** @param views what the node believes or reports about others at the end (e.g. CWM's {@code primary}) */
  public record NodeFinal(String role, String state, Integer priority, List<Integer> alarms,
      Map<String, Object> views) {
    /** A node as the world state shows it at some instant. */
    public static NodeFinal of(dev.hasim.kernel.check.WorldState.NodeView view) {
      return new NodeFinal(view.role(), view.state(), view.priority(), List.copyOf(view.alarms()),
          new java.util.TreeMap<>(view.views()));
    }
  }

  /** How the run went as a computation: wall time and volumes. Not part of the trace. */
  public record Stats(long wallMs, long tasksRun, long messagesSent, long messagesDelivered, long messagesDropped,
      int nodes) {}

  /**
   * PASS when every expectation holds and every invariant violation was expected by the scenario. Checks
   * cannot be switched off: an unexpected violation always fails the run.
   */
  public Verdict verdict() {
    return expectations.stream().allMatch(ExpectationResult::ok) && unexpectedViolations().isEmpty()
        ? Verdict.PASS : Verdict.FAIL;
  }

  public List<Violation> unexpectedViolations() {
    List<String> expected = scenario.expectations().stream()
        .map(e -> e.expectedViolation()).filter(java.util.Objects::nonNull).toList();
    return violations.stream().filter(v -> !expected.contains(v.invariant())).toList();
  }

  /** The command that reproduces this run. */
  public String reproduce() {
    return "hasim run " + scenario.source() + " --seed " + seed + (realtime ? " --realtime" : "");
  }
}
