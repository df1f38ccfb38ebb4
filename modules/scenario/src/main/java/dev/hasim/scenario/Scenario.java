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

  /**
   * Whether the seed can change anything: the only random choices of a run are the network's jitter and
   * loss (the fabric's seeded stream), so without either on any link, at any time, every seed gives the
   * same trace.
   */
  public boolean seedMatters() {
    if (random(network)) {
      return true;
    }
    if (links.values().stream().anyMatch(Scenario::random)) {
      return true;
    }
    return events.stream().anyMatch(e -> e.action() instanceof dev.hasim.scenario.action.NetworkAction n
        && n.fault() instanceof dev.hasim.kernel.net.NetworkFault.Degrade d
        && ((d.jitterMs() != null && d.jitterMs() > 0) || (d.loss() != null && d.loss() > 0)));
  }

  private static boolean random(LinkOptions options) {
    return options.jitterMs() > 0 || options.loss() > 0;
  }

  /**
   * The settle window of a fault touching {@code nodes}: the scenario's {@code convergence.settle} if it sets
   * one, else twice the longest detection period of the models those nodes belong to (each model's own timers:
   * an IPFE cut is judged on IPFE's heartbeats, not on a CWM domain's 20 s ones); a fault that names no node of
   * any model gets {@link #effectiveSettleMs()}.
   */
  public long settleMsFor(java.util.Collection<String> nodes) {
    if (settleMs != null) {
      return settleMs;
    }
    long longest = topologies.stream()
        .filter(t -> t.nodes().stream().anyMatch(n -> nodes.contains(n.name())))
        .mapToLong(ModelTopology::detectionPeriodMs).max().orElse(-1);
    return longest < 0 ? effectiveSettleMs() : 2 * longest;
  }

  public long effectiveSettleMs() {
    if (settleMs != null) {
      return settleMs;
    }
    long longest = topologies.stream().mapToLong(ModelTopology::detectionPeriodMs).max().orElse(1000);
    return 2 * longest;
  }
}
