package dev.hasim.ipfe;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.spi.ModelTopology;
import java.util.List;
import java.util.Map;

/**
 * The IPFE servers of a scenario: every DSR's servers, each node knowing its mate by name. Public so that
 * tools outside the model (the benchmark's reference implementations) can read the same topology.
 */
public final class IpfeTopology implements ModelTopology {
  private final List<NodeSpec> nodes;
  private final Map<String, String> mateOf;
  private final IpfeSettings slowest;

  IpfeTopology(List<NodeSpec> nodes, Map<String, String> mateOf, IpfeSettings slowest) {
    this.nodes = List.copyOf(nodes);
    this.mateOf = Map.copyOf(mateOf);
    this.slowest = slowest;
  }

  /** Every server and its mate, in declaration order. */
  public Map<String, String> mates() {
    Map<String, String> ordered = new java.util.LinkedHashMap<>();
    nodes.forEach(n -> ordered.put(n.name(), mateOf.get(n.name())));
    return ordered;
  }

  /** The timing of the slowest DSR (all DSRs share it in the benchmark workloads). */
  public IpfeSettings settings() {
    return slowest;
  }

  @Override
  public String model() {
    return IpfePlugin.NAME;
  }

  @Override
  public List<NodeSpec> nodes() {
    return nodes;
  }

  /** One group per DSR: the part of a node's name before '/', or "IPFE" for an unnamed DSR. */
  @Override
  public Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
    for (NodeSpec node : nodes) {
      int slash = node.name().indexOf('/');
      String group = slash < 0 ? "IPFE" : node.name().substring(0, slash);
      groups.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(node.name());
    }
    return groups;
  }

  @Override
  public List<Invariant> invariants(long worstDelayMs) {
    return List.of(new AlarmMatchesReachability(new java.util.TreeMap<>(mateOf), slowest, worstDelayMs));
  }

  @Override
  public dev.hasim.scenario.spi.Exploration exploration() {
    return IpfeProperties.exploration(mateOf, slowest);
  }

  @Override
  public long detectionPeriodMs() {
    return slowest.silenceTimeoutMs();
  }
}
