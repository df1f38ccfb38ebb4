package dev.hasim.cwm;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.kit.KitTopology;
import dev.hasim.scenario.kit.PerHost;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CWM domains of a scenario. */
final class CwmTopology extends KitTopology {
  private final Map<String, CwmDomain> domains;
  /**
   * Every CWMGateway.conf reading a gateway may act on in this run: the scenario's, then one after each of the
   * scenario's {@code conf} edits (the gateway reads the file at start and on HUP, USR1, USR2). The checkers
   * take their timing from these, so they judge with the HeartBeatInterval the gateways may really use.
   */
  private final Map<String, List<CwmConf>> confs = new LinkedHashMap<>();
  private final Map<String, String> editedText = new LinkedHashMap<>();

  CwmTopology(Map<String, CwmDomain> domains) {
    super(CwmPlugin.NAME, CwmWords.VOCABULARY);
    this.domains = domains;
    Map<String, List<String>> domainOf = new LinkedHashMap<>();
    domains.values().forEach(d -> d.hosts().forEach(h -> domainOf.put(h, d.hosts())));
    actions(CwmActions.KEYS, (key, value, nodes) -> CwmActions.read(key, value, nodes, confTexts(), this::confEdited,
        domainOf));
    expectations(CwmExpectations.KEYS, (key, value, atMs, text, nodes)
        -> CwmExpectations.read(key, value, atMs, text, nodes, domains));
    for (CwmDomain domain : domains.values()) {
      for (String host : domain.hosts()) {
        CwmNodeConfig config = domain.config().get(host);
        confs.put(host, new ArrayList<>(List.of(config.conf())));
        editedText.put(host, config.confText());
        add("domain " + domain.name(), new NodeSpec(host, "cwm-gateway", env -> {
          CwmConf.FILE.seed(env.disk(), config.confText());
          return CwmGateway.create(env, config);
        }, CwmGateway.Shutdown.INSTANCE, domain.startAtMs().get(host)));
      }
    }
  }

  /** A {@code conf} action sets {@code line} in {@code host}'s file: one more reading the gateway may use. */
  private void confEdited(String host, String line) {
    String text = CwmConf.withLine(editedText.get(host), line);
    editedText.put(host, text);
    try {
      confs.get(host).add(CwmConf.parse(text, host));
    } catch (CwmConf.ConfException e) {
      // The action checked its line; a file it cannot make valid is reported by the gateway (CWM-23).
    }
  }

  private long longest(java.util.function.ToLongFunction<CwmConf> timing) {
    return confs.values().stream().flatMap(List::stream).mapToLong(timing).max().orElse(0);
  }

  @Override
  public List<Invariant> invariants(long worstDelayMs) {
    List<CwmDomain> all = List.copyOf(domains.values());
    return List.of(CwmInvariants.singlePrimary(all),
        CwmInvariants.prioritiesContiguous(all, longest(CwmConf::heartbeatMs), worstDelayMs));
  }

  /** The longest a gateway takes to notice a silent peer, with any HeartBeatInterval it may use. */
  @Override
  public long detectionPeriodMs() {
    return longest(CwmConf::silenceTimeoutMs);
  }

  /** Settled: one Primary per domain, every other running gateway its Secondary in normal mode. */
  @Override
  public boolean stable(WorldState world) {
    for (CwmDomain domain : domains.values()) {
      List<String> primaries = CwmInvariants.primaries(world, domain);
      if (primaries.size() > 1) {
        return false;
      }
      String primary = primaries.isEmpty() ? null : primaries.get(0);
      if (!PerHost.everyRunning(world, domain.hosts(), view -> view.name().equals(primary)
          || (primary != null && CwmInvariants.follows(view, primary)))) {
        return false;
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
            + " (CWM-17). " + (domain.dualPrimaryPolicy() == DualPrimaryPolicy.RESOLVE
            ? "With dual_primary_policy resolve they yield to the earliest reign once they hear each other: "
            + "they have not yet (are they still cut off from each other?)."
            : "Nothing resolves this automatically (dual_primary_policy persist, the default): shut down all but "
            + "one, or use ForcedSwitchOver (USR2) on one of them once they can reach each other again."));
      }
      List<String> running = domain.hosts().stream().filter(end::up).toList();
      for (String host : running) {
        WorldState.NodeView view = end.node(host);
        if (!CwmWords.DEGRADED.equals(view.state())) {
          continue;
        }
        Object lost = view.view("primary");
        long secondaries = running.stream().filter(h -> CwmWords.SECONDARY.equals(end.node(h).role())).count();
        if (primaries.size() == 1 && secondaries == 1) {
          diagnoses.add(host + " is degraded: it lost Primary " + lost + " and is the only Secondary of domain "
              + domain.name() + ", so AutoSwitchOver cannot act (CWM-13). Re-establish IP connectivity between "
              + host + " and " + lost + " (the tables then re-sync by themselves, CWM-18); if that is impossible, "
              + "find which side is at fault and force a switchover from the working one (force_primary on "
              + host + ", then repair or shut down " + lost + ").");
        } else if (!domain.conf(host).autoSwitchOver() && Integer.valueOf(1).equals(CwmWords.priority(view))) {
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

  /**
   * CWM-20: each workstation that ran usertblDBsync or usertblDBcmp gets {@code <host>/usertbl.txt}, the lines
   * the scripts printed there, in order, as the seed shows them. Derived from the trace's {@code script} lines.
   */
  @Override
  public Map<String, String> files(List<dev.hasim.kernel.trace.TraceEvent> events) {
    Map<String, StringBuilder> printed = new LinkedHashMap<>();
    for (var event : events) {
      if (event.is("log") && UserTableScripts.LEVEL.equals(event.string("level"))
          && confs.containsKey(event.node())) {
        printed.computeIfAbsent(event.node(), h -> new StringBuilder()).append(event.string("message")).append('\n');
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    printed.forEach((host, text) -> files.put(UserTableScripts.path(host), text.toString()));
    return files;
  }

  @Override
  public dev.hasim.scenario.spi.Exploration exploration() {
    return CwmProperties.exploration(List.copyOf(domains.values()));
  }

  /** Each gateway's CWMGateway.conf as the scenario gives it. */
  private Map<String, String> confTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    domains.values().forEach(d -> d.config().forEach((host, c) -> texts.put(host, c.confText())));
    return texts;
  }

  static Map<String, CwmDomain> byName(List<CwmDomain> list) {
    Map<String, CwmDomain> map = new LinkedHashMap<>();
    list.forEach(d -> map.put(d.name(), d));
    return map;
  }
}
