package dev.hasim.scenario;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.spi.ModelTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario file, read and validated: data only. A run is a pure function of (scenario, seed).
 *
 * @param settleMs the convergence settle window; null means twice the longest detection period
 */
public record Scenario(
    String source,
    String name,
    String description,
    long seed,
    long durationMs,
    LinkOptions network,
    Map<LinkTable.Link, LinkOptions> links,
    Long settleMs,
    List<ModelTopology> topologies,
    List<TimedAction> events,
    List<Expectation> expectations) {

  public static final long DEFAULT_SEED = 1;

  /** An action and when it happens; {@code text} is the event as written, for reports. */
  public record TimedAction(long atMs, Action action, String text) {}

  public List<NodeSpec> nodes() {
    List<NodeSpec> nodes = new ArrayList<>();
    topologies.forEach(t -> nodes.addAll(t.nodes()));
    return nodes;
  }

  public List<String> nodeNames() {
    return nodes().stream().map(NodeSpec::name).toList();
  }

  public LinkTable linkTable() {
    return new LinkTable(network, links);
  }

  public List<Invariant> invariants() {
    long worstDelayMs = linkTable().worstDelayMs();
    List<Invariant> invariants = new ArrayList<>();
    topologies.forEach(t -> invariants.addAll(t.invariants(worstDelayMs)));
    return invariants;
  }

  /** The words of every model in this scenario, as one vocabulary for the report. */
  public dev.hasim.scenario.spi.Vocabulary vocabulary() {
    return dev.hasim.scenario.spi.Vocabulary.merge(topologies.stream().map(ModelTopology::vocabulary).toList());
  }

  public long effectiveSettleMs() {
    if (settleMs != null) {
      return settleMs;
    }
    long longest = topologies.stream().mapToLong(ModelTopology::detectionPeriodMs).max().orElse(1000);
    return 2 * longest;
  }
}
