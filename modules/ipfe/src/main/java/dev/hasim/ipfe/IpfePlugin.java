package dev.hasim.ipfe;

import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.kit.Groups;
import dev.hasim.scenario.kit.KitPlugin;
import dev.hasim.scenario.kit.Names;
import dev.hasim.scenario.kit.Starts;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code topology.ipfe}: a list of DSR systems, each with its IPFE servers.
 *
 * <pre>
 * ipfe:
 *   - servers: [IPFE-A1, IPFE-A2]          # one DSR; nodes are named as written
 *   - dsr: east                            # nodes east/IPFE-A1 …
 *     servers: [IPFE-A1, IPFE-A2, IPFE-B1, IPFE-B2]
 *     heartbeat: 500ms                     # IPFE-2
 *     alarm_after_missed: 1                # IPFE-3 threshold
 *     start: {IPFE-B2: 5s}                 # default 0s; "never" waits for a start event
 *   - dsr: site                            # 500 DSRs: site-001/IPFE-A1 … site-500/IPFE-A2
 *     count: 500
 *     servers: [IPFE-A1, IPFE-A2]
 * </pre>
 */
public final class IpfePlugin extends KitPlugin {
  public static final String NAME = "ipfe";
  static final Set<String> KEYS = Set.of("dsr", "count", "servers", "heartbeat", "alarm_after_missed", "start");
  static final int MAX_COUNT = 100_000;

  public IpfePlugin() {
    super(NAME, "Oracle DSR IPFE mated pairs: 500 ms heartbeats, alarm 5003 (IPFE-1..4)");
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    List<NodeSpec> nodes = new ArrayList<>();
    Map<String, String> mateOf = new LinkedHashMap<>();
    IpfeSettings slowest = null;
    boolean unnamedSeen = false;
    List<YNode> systems = Groups.items(section, NAME, "a list of DSR systems, e.g. - servers: [IPFE-A1, IPFE-A2]",
        "at least one DSR, e.g. - servers: [IPFE-A1, IPFE-A2]");
    for (YNode item : systems) {
      YMap dsr = item.map("topology.ipfe[]").allowOnly(KEYS);
      YNode serversNode = dsr.require("servers", "the DSR's IPFE servers, e.g. [IPFE-A1, IPFE-A2] (IPFE-1)");
      List<String> servers = serversNode.strings("servers");
      String problem = IpfeLayout.problem(servers).orElse(null);
      if (problem != null) {
        throw serversNode.error("servers: invalid IPFE layout: " + problem);
      }
      IpfeSettings settings = new IpfeSettings(
          dsr.has("heartbeat") ? positive(dsr.get("heartbeat"), "heartbeat") : IpfeSettings.DEFAULT.heartbeatMs(),
          dsr.has("alarm_after_missed")
              ? (int) dsr.get("alarm_after_missed").integer("alarm_after_missed", 1, 1000)
              : IpfeSettings.DEFAULT.alarmAfterMissed());
      if (slowest == null || settings.silenceTimeoutMs() + settings.heartbeatMs()
          > slowest.silenceTimeoutMs() + slowest.heartbeatMs()) {
        slowest = settings;
      }
      Map<String, Long> startAt = Starts.read(dsr.get("start"), servers, "is not one of this DSR's servers");
      for (String prefix : prefixes(dsr, unnamedSeen)) {
        unnamedSeen |= prefix.isEmpty();
        for (String server : servers) {
          String node = prefix + server;
          String mate = prefix + IpfeLayout.mateOf(server);
          mateOf.put(node, mate);
          nodes.add(new NodeSpec(node, "ipfe", env -> IpfeServer.create(env, mate, settings),
              IpfeServer.Shutdown.INSTANCE, startAt.get(server)));
        }
      }
    }
    return new IpfeTopology(nodes, mateOf, slowest);
  }

  private static long positive(YNode node, String what) throws ScenarioException {
    long ms = node.durationMs(what);
    if (ms <= 0) {
      throw node.expected(what, "a positive duration");
    }
    return ms;
  }

  private static List<String> prefixes(YMap dsr, boolean unnamedSeen) throws ScenarioException {
    if (!dsr.has("dsr")) {
      if (dsr.has("count")) {
        throw dsr.get("count").error("count: needs 'dsr', the prefix of the generated DSR names");
      }
      if (unnamedSeen) {
        throw dsr.node().error("a second DSR needs a 'dsr' name: its servers would have the same names as the "
            + "first's");
      }
      return List.of("");
    }
    String name = Names.read(dsr.get("dsr"), "dsr", "a name");
    if (!dsr.has("count")) {
      return List.of(name + "/");
    }
    int count = (int) dsr.get("count").integer("count", 1, MAX_COUNT);
    int width = String.valueOf(count).length();
    List<String> prefixes = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      prefixes.add(name + "-" + String.format("%0" + Math.max(3, width) + "d", i) + "/");
    }
    return prefixes;
  }

}
