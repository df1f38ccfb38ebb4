package dev.hasim.cwm;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CWM domains of a scenario. */
final class CwmTopology implements ModelTopology {
  private final Map<String, CwmDomain> domains;
  private final List<NodeSpec> nodes = new ArrayList<>();

  CwmTopology(Map<String, CwmDomain> domains) {
    this.domains = domains;
    for (CwmDomain domain : domains.values()) {
      for (String host : domain.hosts()) {
        String text = domain.confText().get(host);
        List<String> warnings = domain.warnings().get(host);
        long networkSyncMs = domain.networkSyncMs();
        nodes.add(new NodeSpec(host, "cwm-gateway", env -> {
          env.disk().putIfAbsent(CwmGateway.CONF_FILE, text);
          return CwmGateway.create(env, networkSyncMs, warnings);
        }, CwmGateway.Shutdown.INSTANCE, domain.startAtMs().get(host)));
      }
    }
  }

  @Override
  public String model() {
    return CwmPlugin.NAME;
  }

  @Override
  public List<NodeSpec> nodes() {
    return nodes;
  }

  /** One group per domain. */
  @Override
  public Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    domains.values().forEach(d -> groups.put("domain " + d.name(), d.hosts()));
    return groups;
  }

  @Override
  public List<Invariant> invariants(long worstDelayMs) {
    List<CwmDomain> all = List.copyOf(domains.values());
    return List.of(CwmInvariants.singlePrimary(all), CwmInvariants.prioritiesContiguous(all, worstDelayMs));
  }

  @Override
  public long detectionPeriodMs() {
    return domains.values().stream().mapToLong(CwmDomain::detectionPeriodMs).max().orElse(0);
  }

  /** Settled: one Primary per domain, every other running gateway its Secondary in normal mode. */
  @Override
  public boolean stable(WorldState world) {
    for (CwmDomain domain : domains.values()) {
      List<String> primaries = CwmInvariants.primaries(world, domain);
      if (primaries.size() > 1) {
        return false;
      }
      for (String host : domain.hosts()) {
        WorldState.NodeView view = world.node(host);
        if (!view.up() || primaries.contains(host)) {
          continue;
        }
        boolean follows = CwmGateway.SECONDARY.equals(view.role()) && CwmGateway.NORMAL.equals(view.state())
            && view.priority() != null && !primaries.isEmpty() && primaries.get(0).equals(view.view("primary"));
        if (!follows) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public List<String> diagnoses(WorldState end) {
    List<String> diagnoses = new ArrayList<>();
    for (CwmDomain domain : domains.values()) {
      List<String> primaries = CwmInvariants.primaries(end, domain);
      if (primaries.size() > 1) {
        diagnoses.add("Domain " + domain.name() + " ends with " + primaries.size() + " Primaries " + primaries
            + " (CWM-17). Nothing resolves this automatically: shut down all but one, or use ForcedSwitchOver "
            + "(USR2) on one of them once they can reach each other again.");
      }
      List<String> running = domain.hosts().stream().filter(end::up).toList();
      for (String host : running) {
        WorldState.NodeView view = end.node(host);
        if (!CwmGateway.DEGRADED.equals(view.state())) {
          continue;
        }
        Object lost = view.view("primary");
        long secondaries = running.stream().filter(h -> CwmGateway.SECONDARY.equals(end.node(h).role())).count();
        if (primaries.size() == 1 && secondaries == 1) {
          diagnoses.add(host + " is degraded: it lost Primary " + lost + " and is the only Secondary of domain "
              + domain.name() + ", so AutoSwitchOver cannot act (CWM-13). Re-establish IP connectivity between "
              + host + " and " + lost + " (the tables then re-sync by themselves, CWM-18); if that is impossible, "
              + "find which side is at fault and force a switchover from the working one (force_primary on "
              + host + ", then repair or shut down " + lost + ").");
        } else if (!domain.conf().get(host).autoSwitchOver() && Integer.valueOf(1).equals(view.priority())) {
          diagnoses.add(host + " (SP1) is degraded and SP1_AutoSwitchOver is OFF (CWM-13): it waits for "
              + lost + " to return. Turn AutoSwitchOver ON, or force a switchover.");
        } else {
          diagnoses.add(host + " is degraded: no heartbeat from Primary " + lost + " (CWM-10); it rejects "
              + "user-data changes (CWM-12) until connectivity returns or another gateway takes over (CWM-14).");
        }
      }
    }
    return diagnoses;
  }

  @Override
  public dev.hasim.scenario.spi.Exploration exploration() {
    return CwmProperties.exploration(List.copyOf(domains.values()));
  }

  @Override
  public Set<String> actionKeys() {
    return CwmActions.KEYS;
  }

  @Override
  public Action readAction(String key, YNode value, NodeNames nodes) throws ScenarioException {
    Map<String, String> confTexts = new LinkedHashMap<>();
    domains.values().forEach(d -> confTexts.putAll(d.confText()));
    return CwmActions.read(key, value, nodes, confTexts);
  }

  @Override
  public Set<String> expectationKeys() {
    return CwmExpectations.KEYS;
  }

  @Override
  public Expectation readExpectation(String key, YNode value, Long atMs, String text, NodeNames nodes)
      throws ScenarioException {
    return CwmExpectations.read(key, value, atMs, text, nodes, domains);
  }

  static Map<String, CwmDomain> byName(List<CwmDomain> list) {
    Map<String, CwmDomain> map = new LinkedHashMap<>();
    list.forEach(d -> map.put(d.name(), d));
    return map;
  }
}
