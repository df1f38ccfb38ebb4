package dev.hasim.scenario.example;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.kit.AtMostOne;
import dev.hasim.scenario.kit.Groups;
import dev.hasim.scenario.kit.KitPlugin;
import dev.hasim.scenario.kit.KitTopology;
import dev.hasim.scenario.kit.Names;
import dev.hasim.scenario.kit.Starts;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.Vocabulary;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code topology.beacon}: groups of nodes that elect the first node of their list that is heard.
 *
 * <pre>
 * beacon:
 *   - group: g1
 *     nodes: [b1, b2, b3]
 *     interval: 1s
 *     start: {b3: 2s}
 * </pre>
 */
public final class BeaconPlugin extends KitPlugin {
  static final Set<String> KEYS = Set.of("group", "nodes", "interval", "start");
  /** The words the report shows: roles and colours, and who follows whom. */
  static final Vocabulary VOCABULARY = new Vocabulary(
      Vocabulary.colours(BeaconNode.LEADER, "#2563eb", BeaconNode.FOLLOWER, "#0d9488"), Map.of(), List.of(),
      List.of(), new Vocabulary.Belief("leader", BeaconNode.LEADER, "leader", null));

  public BeaconPlugin() {
    super("beacon", "beacon groups: the first node heard leads (BEACON-1..3), the kit's worked example");
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    Topology topology = new Topology();
    for (YNode item : Groups.items(section, name(), "a list of groups, e.g. - group: g1", "at least one group")) {
      YMap m = item.map("topology.beacon[]").allowOnly(KEYS);
      String group = Names.read(m.require("group", "the group's name"), "group", "a name");
      List<String> nodes = new ArrayList<>();
      for (YNode n : m.require("nodes", "the group's nodes, e.g. [b1, b2]").list("nodes")) {
        nodes.add(Names.read(n, "nodes[]", "a node name"));
      }
      long intervalMs = m.has("interval") ? m.get("interval").durationMs("interval") : 1000;
      BeaconConfig config = new BeaconConfig(nodes, intervalMs);
      Map<String, Long> startAt = Starts.read(m.get("start"), nodes, "is not a node of group " + group);
      for (String node : nodes) {
        topology.node(group, new NodeSpec(node, "beacon", env -> BeaconNode.create(env, config),
            BeaconNode.Shutdown.INSTANCE, startAt.get(node)));
      }
      topology.members.put(group, nodes);
      topology.slowestMs = Math.max(topology.slowestMs, intervalMs);
    }
    return topology;
  }

  /** The kit holds the name, vocabulary, nodes and groups; the model adds its invariant and timing. */
  private static final class Topology extends KitTopology {
    final Map<String, List<String>> members = new LinkedHashMap<>();
    long slowestMs;

    Topology() {
      super("beacon", VOCABULARY);
    }

    void node(String group, NodeSpec spec) {
      add(group, spec);
    }

    /** BEACON-1: at most one leader per group, once a silence timeout has passed. */
    @Override
    public List<Invariant> invariants(long worstDelayMs) {
      return List.of(new AtMostOne("single-leader", members, AtMostOne.inRole(BeaconNode.LEADER),
          (group, leaders) -> leaders.size() + " leaders in group " + group + ": " + leaders));
    }

    @Override
    public long detectionPeriodMs() {
      return 3 * slowestMs;
    }
  }
}
