package dev.hasim.ipfe;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.kit.KitTopology;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.List;
import java.util.Map;

/**
 * The IPFE servers of a scenario: every DSR's servers, each node knowing its mate by name. Public so that
 * tools outside the model (the benchmark's reference implementations) can read the same topology.
 */
public final class IpfeTopology extends KitTopology {
  /** IPFE-3: a server is UP; losing sync with its mate (alarm 5003) is the abnormal state. */
  static final Vocabulary VOCABULARY = new Vocabulary(Vocabulary.colours(IpfeServer.ROLE_UP, "#16a34a"),
      Vocabulary.colours(IpfeServer.SYNC_LOST, "#f97316"), List.of(), List.of(), null);

  private final Map<String, String> mateOf;
  private final IpfeSettings slowest;

  IpfeTopology(List<NodeSpec> nodes, Map<String, String> mateOf, IpfeSettings slowest) {
    super(IpfePlugin.NAME, VOCABULARY);
    for (NodeSpec node : nodes) {
      int slash = node.name().indexOf('/');
      add(slash < 0 ? "IPFE" : node.name().substring(0, slash), node); // one group per DSR
    }
    this.mateOf = Map.copyOf(mateOf);
    this.slowest = slowest;
  }

  /** Every server and its mate, in declaration order. */
  public Map<String, String> mates() {
    Map<String, String> ordered = new java.util.LinkedHashMap<>();
    nodes().forEach(n -> ordered.put(n.name(), mateOf.get(n.name())));
    return ordered;
  }

  /** The timing of the slowest DSR (all DSRs share it in the benchmark workloads). */
  public IpfeSettings settings() {
    return slowest;
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
