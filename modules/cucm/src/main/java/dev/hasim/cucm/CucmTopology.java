package dev.hasim.cucm;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.kit.KitTopology;
import dev.hasim.scenario.spi.Exploration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The CUCM clusters, phones, DHCP servers and NTP sources of a scenario. */
final class CucmTopology extends KitTopology {
  private final Map<String, Cluster> clusters;
  private final CucmTiming timing;
  private final Map<String, PhoneConfig> phones = new LinkedHashMap<>();
  /** Every keepalive interval a node may use in this run: the scenario's and each {@code set_param}'s. */
  private final List<Long> keepalives = new ArrayList<>();
  private final List<Long> fallbackDelays = new ArrayList<>();

  CucmTopology(Map<String, Cluster> clusters, CucmTiming timing) {
    super(CucmPlugin.NAME, CucmWords.VOCABULARY);
    this.clusters = clusters;
    this.timing = timing;
    keepalives.add(timing.keepaliveMs());
    fallbackDelays.add(timing.fallbackDelayMs());
    actions(CucmActions.KEYS, (key, value, nodes) -> CucmActions.read(key, value, nodes, this));
    expectations(CucmExpectations.KEYS, (key, value, atMs, text, nodes)
        -> CucmExpectations.read(key, value, atMs, text, nodes, this));
  }

  void addNode(String group, NodeSpec node) {
    add(group, node);
  }

  void addPhone(String group, NodeSpec node, PhoneConfig config) {
    add(group, node);
    phones.put(node.name(), config);
  }

  Map<String, Cluster> clusters() {
    return clusters;
  }

  Map<String, PhoneConfig> phones() {
    return phones;
  }

  CucmTiming timing() {
    return timing;
  }

  /** A {@code set_param} the run will apply: the checkers judge with the slowest timers any node may use. */
  void timersEdited(Long keepaliveMs, Long fallbackDelayMs) {
    if (keepaliveMs != null) {
      keepalives.add(keepaliveMs);
    }
    if (fallbackDelayMs != null) {
      fallbackDelays.add(fallbackDelayMs);
    }
  }

  /** The slowest timing any node may use in this run. */
  CucmTiming slowest() {
    long keepalive = keepalives.stream().mapToLong(Long::longValue).max().orElse(timing.keepaliveMs());
    long fallback = fallbackDelays.stream().mapToLong(Long::longValue).max().orElse(timing.fallbackDelayMs());
    return timing.withKeepalive(keepalive).withFallbackDelay(fallback);
  }

  boolean ntpModelled() {
    return clusters.values().stream().anyMatch(c -> c.ntpServers() != null);
  }

  /** Every CCM, SRST gateway: the nodes phones register with. */
  List<String> registrars() {
    List<String> all = new ArrayList<>();
    for (Cluster c : clusters.values()) {
      all.addAll(c.servers());
      if (c.srst() != null) {
        all.add(c.srst());
      }
    }
    return all;
  }

  @Override
  public List<Invariant> invariants(long worstDelayMs) {
    CucmTiming slow = slowest();
    List<Invariant> all = new ArrayList<>();
    all.add(CucmInvariants.registeredWithAtMostOne(registrars(), List.copyOf(phones.keySet()), slow, worstDelayMs));
    if (ntpModelled()) {
      all.add(CucmInvariants.noSyncToStratumTen(List.copyOf(clusters.values()), slow, worstDelayMs));
    }
    return all;
  }

  /**
   * The longest a node takes to notice a failure and act on it: a lost connection and a pass down the list
   * (PH-1), a fallback once the CCM answers again, and with NTP a source dropped or proved (PH-3).
   */
  @Override
  public long detectionPeriodMs() {
    CucmTiming slow = slowest();
    long period = Math.max(slow.lostAfterMs() + 4 * slow.registerTimeoutMs(),
        slow.fallbackDelayMs() + 2 * slow.keepaliveMs());
    if (ntpModelled()) {
      period = Math.max(period, slow.ntpPollMs() * Math.max(slow.ntpSyncAfter(), slow.ntpLoseAfter()));
    }
    return period;
  }

  /** Settled: no phone between two registrations, resetting or waiting for DHCP. */
  @Override
  public boolean stable(WorldState world) {
    for (String phone : phones.keySet()) {
      WorldState.NodeView view = world.node(phone);
      if (view.up() && !Set.of(CucmWords.REGISTERED, CucmWords.LIMITED, CucmWords.UNREGISTERED).contains(view.state())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<String> diagnoses(WorldState end) {
    return CucmDiagnoses.of(end, this);
  }

  @Override
  public Map<String, String> files(List<TraceEvent> events) {
    return CucmFiles.render(events, this);
  }

  @Override
  public Exploration exploration() {
    return CucmProperties.exploration(this);
  }

  /** Phones by the node each is registered with, from their {@code ccm} views. */
  Map<String, Integer> phonesPerRegistrar(WorldState world) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String phone : phones.keySet()) {
      WorldState.NodeView view = world.node(phone);
      Object ccm = view.up() ? view.view(CucmWords.CCM_VIEW) : null;
      if (ccm != null) {
        counts.merge(ccm.toString(), 1, Integer::sum);
      }
    }
    return counts;
  }
}
