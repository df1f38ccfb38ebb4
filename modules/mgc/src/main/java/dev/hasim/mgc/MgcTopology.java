package dev.hasim.mgc;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The MGC pairs of a scenario. */
final class MgcTopology implements ModelTopology {
  static final String SINGLE_ACTIVE = "single-active";
  private final Map<String, MgcPair> pairs;
  private final List<NodeSpec> nodes = new ArrayList<>();

  MgcTopology(Map<String, MgcPair> pairs) {
    this.pairs = pairs;
    for (MgcPair pair : pairs.values()) {
      for (String host : pair.hosts()) {
        boolean first = pair.preferred(host);
        String peer = pair.peerOf(host);
        nodes.add(new NodeSpec(host, "mgc-host", env -> {
          env.disk().putIfAbsent(MgcHost.XECFGPARM, pair.xecfgparm().get(host));
          env.disk().computeIfAbsent(ConfigLib.DISK_KEY, k -> pair.initialLibrary(host));
          return MgcHost.create(env, peer, first, pair.settings(), pair.ips().get(host), pair.ips().get(peer));
        }, MgcHost.Shutdown.INSTANCE, pair.startAtMs().get(host)));
      }
    }
  }

  Map<String, MgcPair> pairs() {
    return pairs;
  }

  @Override
  public String model() {
    return MgcPlugin.NAME;
  }

  @Override
  public List<NodeSpec> nodes() {
    return nodes;
  }

  @Override
  public Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    pairs.values().forEach(p -> groups.put("pair " + p.name(), p.hosts()));
    return groups;
  }

  static List<String> actives(WorldState world, MgcPair pair) {
    return pair.hosts().stream()
        .filter(h -> world.up(h) && PomCodes.Platform.ACTIVE.name().equals(world.node(h).role())).toList();
  }

  /** MGC-2: two actives in one pair (a split pair) is a safety violation from its first instant. */
  @Override
  public List<Invariant> invariants(long worstDelayMs) {
    List<MgcPair> all = List.copyOf(pairs.values());
    return List.of(new Invariant() {
      public String name() {
        return SINGLE_ACTIVE;
      }

      public long graceMs() {
        return 0;
      }

      public void check(WorldState world, Breaches breaches) {
        for (MgcPair pair : all) {
          List<String> actives = actives(world, pair);
          if (actives.size() > 1) {
            breaches.breach(pair.name(), "both hosts of pair " + pair.name() + " are active: " + actives
                + " (MGC-2, split pair)");
          }
        }
      }
    });
  }

  @Override
  public long detectionPeriodMs() {
    return pairs.values().stream().mapToLong(p -> p.settings().linkTimeoutMs()).max().orElse(0);
  }

  /**
   * Settled: each pair has one active, its other running host is standby, and no POM is busy (every running
   * host's manager state is READY), so a prov-sync settles when its transfers end, not when they start.
   */
  @Override
  public boolean stable(WorldState world) {
    for (MgcPair pair : pairs.values()) {
      if (actives(world, pair).size() != 1) {
        return false;
      }
      for (String host : pair.hosts()) {
        String role = world.node(host).role();
        if (!world.up(host)) {
          continue;
        }
        if (!PomCodes.Platform.ACTIVE.name().equals(role) && !PomCodes.Platform.STANDBY.name().equals(role)) {
          return false;
        }
        if (!PomCodes.MgrState.READY.name().equals(world.node(host).state())) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public List<String> diagnoses(WorldState end) {
    List<String> diagnoses = new ArrayList<>();
    for (MgcPair pair : pairs.values()) {
      List<String> actives = actives(end, pair);
      if (actives.size() > 1) {
        diagnoses.add("Pair " + pair.name() + " ends with two active hosts " + actives + " (MGC-2): both signalling "
            + "links are down while both hosts run. Restore link1 or link2; the host that became active later then "
            + "yields and comes back as standby.");
      }
      for (String host : pair.hosts()) {
        if (end.up(host) && PomCodes.Platform.OOS.name().equals(end.node(host).role())) {
          diagnoses.add(host + " is out of service (MGC-1): its pom.dataSync pull from " + pair.peerOf(host)
              + " failed. Read " + PlatformLog.path(host) + " for pomMgr and XEFileService errors (operationStatus, "
              + "resp status), fix the cause (file permissions, the network, pom.dataSync = false during an "
              + "upgrade, MGC-8) and restart the MGC application; to confirm the cause, start it once with "
              + "pom.dataSync = false.");
        }
      }
      Object a = end.node(pair.hosts().get(0)).view("config");
      Object b = end.node(pair.hosts().get(1)).view("config");
      if (end.up(pair.hosts().get(0)) && end.up(pair.hosts().get(1)) && a != null && !a.equals(b)) {
        diagnoses.add("The active configurations of pair " + pair.name() + " differ (" + a + " against " + b
            + "): a failover now would bring up another configuration. Run prov-dply or prov-sync on the active "
            + "host (MGC-5, MGC-6).");
      }
    }
    return diagnoses;
  }

  @Override
  public Map<String, String> files(List<TraceEvent> events) {
    Map<String, String> files = new LinkedHashMap<>();
    for (MgcPair pair : pairs.values()) {
      files.putAll(PlatformLog.render(pair.hosts(), events, pair.settings()));
    }
    return files;
  }

  /**
   * An empty platform.log is no failure: POM writes only lines at or above its log level (MGC-12), and the
   * default, Err, lets the routine work through silently. Say so, and how to see the seed's debug trace.
   */
  @Override
  public Map<String, String> fileNotes(Map<String, String> files, dev.hasim.kernel.check.WorldState end) {
    Map<String, String> notes = new LinkedHashMap<>();
    for (MgcPair pair : pairs.values()) {
      for (String host : pair.hosts()) {
        String log = files.get(PlatformLog.path(host));
        if (log != null && log.isEmpty()) {
          LogLevel level;
          try {
            level = XeCfgParm.parse(pair.xecfgparm().get(host)).logPrio();
          } catch (XeCfgParm.ParmException e) {
            level = XeCfgParm.defaults().logPrio();
          }
          notes.put(PlatformLog.path(host), "empty: POM on " + host + " logs at " + level.tag + " and above ("
              + XeCfgParm.LOG_PRIO + " in its XECfgParm.dat), and nothing reached that level (MGC-12). For the "
              + "seed's debug trace set " + XeCfgParm.LOG_PRIO + " = Debug for " + host + " (xecfgparm_overrides) "
              + "or send it set-log:pom-01:debug.");
        }
      }
    }
    return notes;
  }

  @Override
  public Set<String> actionKeys() {
    return MgcActions.KEYS;
  }

  @Override
  public Action readAction(String key, YNode value, NodeNames nodes) throws ScenarioException {
    return MgcActions.read(key, value, nodes, this);
  }

  @Override
  public Set<String> expectationKeys() {
    return MgcExpectations.KEYS;
  }

  @Override
  public Expectation readExpectation(String key, YNode value, Long atMs, String text, NodeNames nodes)
      throws ScenarioException {
    return MgcExpectations.read(key, value, atMs, text, nodes, pairs);
  }

  boolean isHost(String node) {
    return pairs.values().stream().anyMatch(p -> p.hosts().contains(node));
  }

  MgcPair pairOf(String host) {
    return pairs.values().stream().filter(p -> p.hosts().contains(host)).findFirst().orElseThrow();
  }
}
