package dev.hasim.scenario.spi;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.yaml.YNode;
import java.util.List;
import java.util.Set;

/** One model's part of a scenario, read from its topology section. */
public interface ModelTopology {
  String model();

  List<NodeSpec> nodes();

  /** Nodes in groups for drawing (a DSR, a domain, a pair), in order; one group of every node by default. */
  default java.util.Map<String, List<String>> groups() {
    return java.util.Map.of(model(), nodes().stream().map(NodeSpec::name).toList());
  }

  /** The model's invariants; their grace periods may depend on the network's worst delivery delay. */
  List<Invariant> invariants(long worstDelayMs);

  /** The longest time a node of this topology takes to notice a failure; the settle window is twice it. */
  long detectionPeriodMs();

  /** The model's own notion of "settled", beyond "no invariant is breached right now". */
  default boolean stable(WorldState world) {
    return true;
  }

  /**
   * At the end of the run: what in this model's part has not settled, why, and what an operator can do
   * about it, in sentences for the report. Empty when all is well.
   */
  default List<String> diagnoses(WorldState end) {
    return List.of();
  }

  /**
   * Files the model derives from the trace for the run folder, by relative path (e.g. an MGC host's
   * {@code mgc-01/platform.log}); empty by default. Derived, never kept aside, so the trace stays the one source.
   */
  default java.util.Map<String, String> files(List<dev.hasim.kernel.trace.TraceEvent> events) {
    return java.util.Map.of();
  }

  /**
   * Why a file of {@link #files} reads as it does where that would surprise a reader (e.g. it is empty): a
   * sentence per relative path, for the report; none by default.
   */
  default java.util.Map<String, String> fileNotes(java.util.Map<String, String> files, WorldState end) {
    return java.util.Map.of();
  }

  /** Scenario actions this model adds (e.g. {@code signal}); empty by default. */
  default Set<String> actionKeys() {
    return Set.of();
  }

  /** Reads one of {@link #actionKeys()}. */
  default Action readAction(String key, YNode value, NodeNames nodes) throws ScenarioException {
    throw value.error("model " + model() + " has no action '" + key + "'");
  }

  /** Expectations this model adds (e.g. {@code primary}); empty by default. */
  default Set<String> expectationKeys() {
    return Set.of();
  }

  /** Reads one of {@link #expectationKeys()}; {@code text} is the item as written, for reports. */
  default Expectation readExpectation(String key, YNode value, Long atMs, String text, NodeNames nodes)
      throws ScenarioException {
    throw value.error("model " + model() + " has no expectation '" + key + "'");
  }
}
