package dev.hasim.cwm;

import static dev.hasim.scenario.spi.Property.Phase.LIVENESS;
import static dev.hasim.scenario.spi.Property.Phase.SAFETY;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.Property;
import dev.hasim.scenario.spi.Property.Declared;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The CWM model's properties for {@code hasim explore} and {@code {property: …}} expectations, judged from
 * outside the gateways on the trace. Safety: first-come-first-serve (CWM-4). Liveness, once every fault is
 * over: one Primary per domain (CWM-2, CWM-17), every running gateway registered with it (CWM-4, CWM-7), none
 * degraded (CWM-10, CWM-18).
 */
final class CwmProperties {
  static final String FIRST_COME_FIRST_SERVE = "first-come-first-serve";
  static final String ONE_PRIMARY = "one-primary";
  static final String ALL_REGISTERED = "all-registered";
  static final String NONE_DEGRADED = "none-degraded";
  /** CWM-17: explore's name for a documented split (several Primaries, none of them a bug). */
  static final String SPLIT = "cwm-17-split";

  private CwmProperties() {}

  static Exploration exploration(List<CwmDomain> domains) {
    long hbi = domains.stream().mapToLong(CwmDomain::heartbeatMs).max().orElse(0);
    long pri = domains.stream().flatMap(d -> d.conf().values().stream())
        .mapToLong(c -> c.primaryRestartIntervalS() * 1000L).max().orElse(0);
    Map<String, Long> timers = new LinkedHashMap<>();
    timers.put("HeartBeatInterval", hbi);
    timers.put("2 x HeartBeatInterval (discovery window, CWM-3)", 2 * hbi);
    timers.put("2.5 x HeartBeatInterval (two missed heartbeats, CWM-10)", 2 * hbi + hbi / 2);
    timers.put("PrimaryRestartInterval (CWM-14)", pri);
    timers.put("2.5 x HBI + PrimaryRestartInterval (SP1 asks the others, CWM-14)", 2 * hbi + hbi / 2 + pri);
    long bound = 2 * hbi + (2 * hbi + hbi / 2) + pri + hbi + 2 * hbi;
    String why = "7.5 x HeartBeatInterval + PrimaryRestartInterval = " + bound + " ms: a discovery window "
        + "(2 x HBI, CWM-3), two missed heartbeats (2.5 x HBI, CWM-10), PrimaryRestartInterval and one heartbeat "
        + "to confirm (CWM-14), then 2 x HBI to register and re-sync (CWM-7, CWM-18)";
    List<String> hosts = domains.stream().flatMap(d -> d.hosts().stream()).toList();
    List<Exploration.OperatorAction> actions = List.of(
        new Exploration.OperatorAction("watchdog_restart", hosts,
            (node, r) -> List.of("watchdog_restart: {node: " + node + ", down_for: " + (200 + r.nextInt(4800))
                + "ms}")),
        new Exploration.OperatorAction("forced_switchover", hosts, (node, r) -> {
          List<String> others = peersOf(domains, node);
          if (others.isEmpty()) {
            return List.of();
          }
          String target = others.get(r.nextInt(others.size()));
          return List.of("conf: {node: " + node + ", set: ForcedSwitchOver " + target + "}",
              "signal: {node: " + node + ", name: USR2}");
        }),
        new Exploration.OperatorAction("hup", hosts, (node, r) -> List.of("signal: {node: " + node + ", name: HUP}")),
        new Exploration.OperatorAction("provision", hosts, (node, r) -> List.of("provision: {node: " + node
            + ", table: " + UserTables.TABLES.get(r.nextInt(UserTables.TABLES.size())) + ", key: k" + r.nextInt(4)
            + ", op: " + (r.nextBoolean() ? "add" : "modify") + "}")),
        new Exploration.OperatorAction("network_provision", hosts, (node, r) -> List.of("network_provision: {node: "
            + node + ", object: port-" + r.nextInt(4) + ", op: " + (r.nextBoolean() ? "add" : "modify") + "}")),
        new Exploration.OperatorAction("force_primary", hosts, (node, r) -> List.of("force_primary: " + node)),
        new Exploration.OperatorAction("usertbl_script", hosts, (node, r) -> {
          List<String> others = peersOf(domains, node);
          if (others.isEmpty()) {
            return List.of();
          }
          String other = others.get(r.nextInt(others.size()));
          return List.of(r.nextBoolean() ? "usertbl_sync: {node: " + node + ", from: " + other + "}"
              : "usertbl_cmp: {node: " + node + ", with: " + other + "}");
        }),
        new Exploration.OperatorAction("configurator", hosts, (node, r) -> List.of("configurator: {node: " + node
            + ", op: " + (r.nextInt(3) == 0 ? "exit" : "start") + "}")));
    List<String> rules = IntStream.rangeClosed(1, 23).mapToObj(i -> "CWM-" + i).toList();
    Exploration.Flag split = new Exploration.Flag(SPLIT, "CWM-17", "several Primaries in a domain, each newer "
        + "one having taken the role without hearing from the older (a network split, CWM-2, CWM-14) or forced by "
        + "an operator (CWM-16): the "
        + "single-primary invariant flags it, as CWM-17 asks, but it is the protocol's outcome, not a bug",
        CwmInvariants.SINGLE_PRIMARY,
        facts -> CwmSplits.judge(domains, facts.events(), Long.MAX_VALUE).undocumented().isEmpty());
    return new Exploration(timers, bound, why, List.of(firstComeFirstServe(domains), onePrimary(domains),
        allRegistered(domains), noneDegraded(domains)), actions, rules, List.of(split));
  }

  private static List<String> peersOf(List<CwmDomain> domains, String host) {
    for (CwmDomain d : domains) {
      if (d.hosts().contains(host)) {
        List<String> others = new ArrayList<>(d.hosts());
        others.remove(host);
        return others;
      }
    }
    return List.of();
  }

  /**
   * CWM-4: in each reign of a Primary, its priority list is in the order in which it first received each
   * Secondary's registration. A Secondary loses its place only by going down (CWM-8: it re-registers last)
   * or by being dropped as unreachable or as a rival (CWM-14, CWM-17). Read from the Primary's registration
   * decisions and its {@code secondaries} view after each instant.
   */
  static Property firstComeFirstServe(List<CwmDomain> domains) {
    return new Declared(FIRST_COME_FIRST_SERVE, "CWM-4", SAFETY, "the Primary's priority order equals the "
        + "order in which it first received each running Secondary's registration (CWM-4, CWM-8)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> firstOrder = new LinkedHashMap<>(); // primary → secondaries by first arrival
        Map<String, String> lastView = new LinkedHashMap<>();
        java.util.Set<String> down = new java.util.HashSet<>();
        Map<String, Long> startedAt = new java.util.HashMap<>(); // each gateway's current incarnation
        List<TraceEvent> events = run.events();
        int i = 0;
        while (i < events.size() && problems.isEmpty()) {
          long t = events.get(i).tMs();
          while (i < events.size() && events.get(i).tMs() == t) {
            TraceEvent e = events.get(i++);
            String node = e.node();
            if (e.is(EventKind.ROLE)) {
              String to = e.string("to");
              if (CwmWords.PRIMARY.equals(to)) {
                firstOrder.put(node, new ArrayList<>()); // a new reign
              } else {
                firstOrder.remove(node);
                lastView.remove(node);
              }
              if (NodeDirectory.DOWN.equals(to)) {
                firstOrder.values().forEach(list -> list.remove(node));
                down.add(node);
              } else {
                down.remove(node);
                if ("STARTING".equals(to)) {
                  startedAt.put(node, t);
                }
              }
            } else if (e.is(EventKind.DECISION) && firstOrder.containsKey(node)) {
              String rule = e.string("rule");
              Object secondary = e.fields().get("secondary");
              if (secondary == null) {
                continue;
              }
              List<String> order = firstOrder.get(node);
              // A registration held from an incarnation that has died since is no one's first come.
              String name = secondary.toString();
              Object started = e.fields().get("started_ms");
              boolean current = started == null || ((Number) started).longValue() >= startedAt.getOrDefault(name, 0L);
              if ("CWM-4".equals(rule) && !order.contains(name) && !down.contains(name) && current) {
                order.add(secondary.toString());
              } else if (("CWM-14".equals(rule) || "CWM-17".equals(rule)) && e.fields().get("from") == null) {
                order.remove(secondary.toString()); // dropped as unreachable or as a rival: loses its place
              }
            } else if (e.is(EventKind.VIEW) && "secondaries".equals(e.string("key"))
                && firstOrder.containsKey(node)) {
              Object value = e.fields().get("value");
              lastView.put(node, value == null ? "none" : value.toString());
            }
          }
          for (var entry : lastView.entrySet()) {
            // Only Secondaries whose first registration in this reign (and incarnation) the trace shows: one
            // that went down is still listed until its Primary hears of it, and has no place to keep.
            List<String> order = firstOrder.getOrDefault(entry.getKey(), List.of());
            List<String> actual = new ArrayList<>(CwmInvariants.listedIn(entry.getValue()));
            actual.retainAll(order);
            List<String> expected = new ArrayList<>(order);
            expected.retainAll(actual);
            if (!expected.equals(actual)) {
              problems.add("at " + t + " ms Primary " + entry.getKey() + " lists its Secondaries as " + actual
                  + " but first received their registrations in the order " + expected);
            }
          }
        }
        return problems;
      }
    };
  }

  /**
   * CWM-2, CWM-17: once the faults are over, each domain with a running gateway has exactly one Primary. Under
   * the default policy ({@code persist}) several Primaries that are a documented split ({@link CwmSplits}: each
   * newer one took the role without hearing from the older) stay, as the seed leaves them, until an operator
   * acts; several Primaries that arose any other way fail. Under {@code resolve} one Primary must remain.
   */
  static Property onePrimary(List<CwmDomain> domains) {
    return new Declared(ONE_PRIMARY, "CWM-17", LIVENESS, "once every fault is over, each domain with a running "
        + "gateway has exactly one Primary, or (dual_primary_policy persist, the default) several that are a "
        + "CWM-17 split, each newer one having taken the role without hearing from the older (CWM-2, CWM-17)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        CwmSplits.Verdict splits = null;
        for (CwmDomain domain : domains) {
          List<String> primaries = CwmInvariants.primaries(world, domain);
          boolean anyUp = domain.hosts().stream().anyMatch(world::up);
          if (!anyUp || primaries.size() == 1) {
            continue;
          }
          if (primaries.isEmpty()) {
            problems.add("domain " + domain.name() + " has no Primary");
            continue;
          }
          if (domain.dualPrimaryPolicy() == DualPrimaryPolicy.RESOLVE) {
            problems.add("domain " + domain.name() + " has " + primaries.size() + " Primaries " + primaries
                + " although dual_primary_policy is resolve: they should have heard each other and all but the "
                + "earliest reign yielded");
            continue;
          }
          if (splits == null) {
            splits = CwmSplits.judge(domains, run.events(), world.nowMs());
          }
          if (!splits.split(primaries)) {
            problems.add("domain " + domain.name() + " has " + primaries.size() + " Primaries " + primaries
                + " that are not a CWM-17 split: " + (splits.undocumented().isEmpty() ? "a newer one took the role "
                + "while hearing an older" : splits.undocumented().get(0)));
          }
        }
        return problems;
      }
    };
  }

  /**
   * CWM-4, CWM-7: once the faults are over, every running gateway that can talk to its domain's Primary is
   * a Secondary that follows it, holds a priority and is on the Primary's list.
   */
  static Property allRegistered(List<CwmDomain> domains) {
    return new Declared(ALL_REGISTERED, "CWM-4", LIVENESS, "once every fault is over, every running gateway "
        + "that can reach the Primary is registered with it: a Secondary following it, with a priority, on its "
        + "list (CWM-4, CWM-7)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (CwmDomain domain : domains) {
          List<String> primaries = CwmInvariants.primaries(world, domain);
          if (primaries.size() != 1) {
            continue; // one-primary's finding
          }
          String primary = primaries.get(0);
          Object listView = world.node(primary).view("secondaries");
          List<String> listed = listView == null ? List.of() : CwmInvariants.listedIn(listView.toString());
          for (String host : domain.hosts()) {
            if (host.equals(primary) || !world.canTalk(host, primary)) {
              continue;
            }
            WorldState.NodeView view = world.node(host);
            if (!CwmWords.SECONDARY.equals(view.role()) || !primary.equals(view.view("primary"))
                || CwmWords.priority(view) == null || !listed.contains(host)) {
              problems.add(host + " is not registered with Primary " + primary + " (role " + view.role()
                  + ", follows " + view.view("primary") + ", priority " + CwmWords.priority(view) + "; " + primary
                  + " lists " + listed + ")");
            }
          }
        }
        return problems;
      }
    };
  }

  /** CWM-10, CWM-18: once the faults are over, no running gateway is in degraded mode. */
  static Property noneDegraded(List<CwmDomain> domains) {
    return new Declared(NONE_DEGRADED, "CWM-18", LIVENESS, "once every fault is over, no running gateway is "
        + "in degraded mode (CWM-10, CWM-18)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (CwmDomain domain : domains) {
          for (String host : domain.hosts()) {
            WorldState.NodeView view = world.node(host);
            if (view.up() && CwmWords.DEGRADED.equals(view.state())) {
              problems.add(host + " is DEGRADED, following " + view.view("primary"));
            }
          }
        }
        return problems;
      }
    };
  }
}
