package dev.hasim.mgc;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The MGC model's properties for {@code hasim explore} and {@code {property: …}} expectations. Safety is the
 * {@code single-active} invariant; once every fault is over: exactly one active per pair (MGC-2), the active
 * configurations of both hosts the same (MGC-3, MGC-5), and no POM left busy (MGC-4, MGC-9).
 */
final class MgcProperties {
  static final String ONE_ACTIVE = "one-active";
  static final String CONFIG_IN_SYNC = "active-config-in-sync";
  static final String NO_STUCK_POM = "no-stuck-pom";
  static final String SPLIT_NEEDS_SILENCE = "split-needs-silence";
  /** Decision field: prov-dply made this configuration active here before pushing it (MGC-6). */
  static final String ACTIVATED_HERE = "activated_here";
  /** Why explore does not count the single-active invariant: the split pair MGC-2 asks to flag. */
  static final String SPLIT_BY_DESIGN = "a split pair (MGC-2) is what cutting both signalling links or delaying "
      + "the heartbeats past the failover timeout does by design, and hasim run flags it; explore judges instead "
      + "that a split lasts only while a host has not heard that its peer is active (" + SPLIT_NEEDS_SILENCE + ")";

  private MgcProperties() {}

  static Exploration exploration(List<MgcPair> pairs) {
    MgcSettings s = pairs.get(0).settings();
    long link = pairs.stream().mapToLong(p -> p.settings().linkTimeoutMs()).max().orElse(0);
    long xfer = pairs.stream().mapToLong(p -> p.settings().xferTimeoutMs()).max().orElse(0);
    long response = pairs.stream().mapToLong(p -> p.settings().responseTimeoutMs()).max().orElse(0);
    Map<String, Long> timers = new LinkedHashMap<>();
    timers.put("heartbeat", s.heartbeatMs());
    timers.put("link timeout (missed heartbeats, MGC-2)", link);
    timers.put("POM response timeout (MGC-9)", response);
    timers.put("transfer timeout (MGC-9)", xfer);
    long start = pairs.stream().mapToLong(p -> p.settings().startDecideMs()).max().orElse(0);
    timers.put("platform start-up (MGC-1)", start);
    long bound = 2 * link + xfer + response + start + 10_000;
    String why = "2 x link timeout + transfer timeout + response timeout + platform start-up + 10 s = " + bound
        + " ms: both links seen up again (MGC-2), a transfer in progress finishing or timing out (MGC-9), its answer "
        + "awaited, and a restarted host's start-up (MGC-1) and pull (MGC-7)";
    List<String> hosts = pairs.stream().flatMap(p -> p.hosts().stream()).toList();
    List<Exploration.OperatorAction> actions = List.of(
        new Exploration.OperatorAction("prov-sync", hosts,
            (node, r) -> List.of("mml: {node: " + node + ", command: prov-sync}")),
        new Exploration.OperatorAction("provision-and-deploy", hosts, (node, r) -> {
          String version = "explore" + r.nextInt(100);
          return List.of("mml: {node: " + node + ", command: 'prov-sta::srcver=\"active\",dstver=\"" + version
              + "\"'}", "provision: {node: " + node + ", table: components, changes: " + (1 + r.nextInt(3)) + "}",
              "mml: {node: " + node + ", command: " + (r.nextBoolean() ? "prov-dply" : "prov-cpy") + "}");
        }),
        new Exploration.OperatorAction("sw-over", hosts,
            (node, r) -> List.of("mml: {node: " + node + ", command: 'sw-over::confirm'}")),
        // MGC-8: a software upgrade, now and then with the seed's procedure (pom.dataSync = false first).
        new Exploration.OperatorAction("upgrade", hosts, (node, r) -> {
          String upgrade = "upgrade: {node: " + node + ", version: \"9." + (3 + r.nextInt(2)) + "\", down_for: "
              + (5 + r.nextInt(60)) + "s}";
          return r.nextBoolean() ? List.of(upgrade)
              : List.of("set_param: {node: " + node + ", key: pom.dataSync, value: false}", upgrade);
        }));
    List<String> rules = IntStream.rangeClosed(1, 12).mapToObj(i -> "MGC-" + i).toList();
    return new Exploration(timers, bound, why, List.of(splitNeedsSilence(pairs), oneActive(pairs),
        configInSync(pairs), noStuckPom(pairs)), actions, rules, Map.of(MgcTopology.SINGLE_ACTIVE, SPLIT_BY_DESIGN));
  }

  /**
   * MGC-2 (Model): two actives are the split the rule flags, caused by lost or late heartbeats; they must not
   * outlive the moment each host has heard that the other is active in its current reign, for then the later
   * one yields. Judged at the end of every instant from the hosts' roles and {@code peer_active_since} views.
   */
  static Property splitNeedsSilence(List<MgcPair> pairs) {
    return new Declared(SPLIT_NEEDS_SILENCE, "MGC-2", SAFETY,
        "two ACTIVE hosts in a pair only while one of them has not yet heard that the other is active: the split "
        + "of MGC-2 (both links down, heartbeats late); once each knows, the later one yields") {
      public List<String> check(WorldState world, RunFacts run) {
        Map<String, String> roles = new HashMap<>();
        Map<String, Long> activeSince = new HashMap<>();
        Map<String, Object> heard = new HashMap<>();
        List<TraceEvent> events = run.events();
        for (int i = 0; i < events.size(); i++) {
          TraceEvent e = events.get(i);
          if (e.is(EventKind.ROLE)) {
            roles.put(e.node(), e.string("to"));
            if (PomCodes.Platform.ACTIVE.name().equals(e.string("to"))) {
              activeSince.put(e.node(), e.tMs());
            } else if (NodeDirectory.DOWN.equals(e.string("to"))) {
              heard.remove(e.node()); // a new incarnation has heard nothing yet
            }
          } else if (e.is(EventKind.VIEW) && MgcHost.PEER_ACTIVE_SINCE.equals(e.string("key"))) {
            heard.put(e.node(), e.fields().get("value"));
          }
          boolean instantEnds = i + 1 == events.size() || events.get(i + 1).tMs() != e.tMs();
          if (!instantEnds) {
            continue;
          }
          for (MgcPair pair : pairs) {
            String a = pair.hosts().get(0);
            String b = pair.hosts().get(1);
            String active = PomCodes.Platform.ACTIVE.name();
            if (active.equals(roles.get(a)) && active.equals(roles.get(b))
                && knows(heard.get(a), activeSince.get(b)) && knows(heard.get(b), activeSince.get(a))) {
              return List.of("at " + e.tMs() + " ms both hosts of pair " + pair.name() + " are active and each has "
                  + "heard the other is (" + a + " since " + activeSince.get(a) + " ms, " + b + " since "
                  + activeSince.get(b) + " ms); the later one should have yielded (MGC-2)");
            }
          }
        }
        return List.of();
      }
    };
  }

  private static boolean knows(Object heardSince, Long peerActiveSince) {
    return heardSince instanceof Number n && peerActiveSince != null && n.longValue() == peerActiveSince;
  }

  /** MGC-2: once the faults are over, exactly one active host per pair with both hosts running. */
  static Property oneActive(List<MgcPair> pairs) {
    return new Declared(ONE_ACTIVE, "MGC-2", LIVENESS,
        "once every fault is over, a pair whose hosts both run has exactly one "
        + "ACTIVE host and the other STANDBY (MGC-2)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (MgcPair pair : pairs) {
          if (!pair.hosts().stream().allMatch(world::up)) {
            continue;
          }
          List<String> actives = MgcTopology.actives(world, pair);
          if (actives.size() != 1) {
            problems.add("pair " + pair.name() + " has " + actives.size() + " active hosts " + actives + " ("
                + pair.hosts().stream().map(h -> h + " " + world.node(h).role()).toList() + ")");
          }
        }
        return problems;
      }
    };
  }

  /**
   * MGC-3, MGC-5, MGC-6: once the faults are over, both hosts of a pair run the same active configuration, unless
   * an operator's prov-cpy made one active on one host only and nothing has brought the pair together since:
   * "The prov-dply command performs the prov-cpy functions in that it makes the provisioned session the active
   * configuration on the current host, but it also pushes that same configuration to the standby" (seed 000):
   * prov-cpy alone pushes nothing, by design.
   */
  static Property configInSync(List<MgcPair> pairs) {
    return new Declared(CONFIG_IN_SYNC, "MGC-5", LIVENESS,
        "once every fault is over, both running hosts of a pair that started in sync run the same active "
        + "configuration (MGC-3, MGC-5), unless an operator activated one on one host only (prov-cpy, or a "
        + "prov-dply whose push failed) or upgraded one host's software, which converts its own files (MGC-8), "
        + "and no prov-dply, prov-sync or pom.dataSync pull has brought them together since (MGC-6, MGC-9)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (MgcPair pair : pairs) {
          String a = pair.hosts().get(0);
          String b = pair.hosts().get(1);
          if (!world.up(a) || !world.up(b)) {
            continue;
          }
          Object ca = world.node(a).view("config");
          Object cb = world.node(b).view("config");
          if (ca != null && !ca.equals(cb) && inSyncOnceBothRan(run, a, b) && !operatorDivergenceSince(run, a, b)) {
            problems.add(a + " runs configuration " + ca + " (" + world.node(a).view("active_link") + "), " + b
                + " runs " + cb + " (" + world.node(b).view("active_link") + ")");
          }
        }
        return problems;
      }
    };
  }

  /**
   * Whether the pair's active configurations matched the first time both hosts reported one: a template that
   * starts out of sync (a stale standby) stays so until an operator runs prov-sync, by design (MGC-5).
   */
  private static boolean inSyncOnceBothRan(RunFacts run, String a, String b) {
    Object ca = null;
    Object cb = null;
    for (var e : run.events()) {
      if (e.is(EventKind.VIEW) && "config".equals(e.string("key"))) {
        if (e.node().equals(a)) {
          ca = e.fields().get("value");
        } else if (e.node().equals(b)) {
          cb = e.fields().get("value");
        }
        if (ca != null && cb != null) {
          return ca.equals(cb);
        }
      }
    }
    return false;
  }

  /**
   * MGC-6, MGC-9: an operator made a configuration active on one host (a prov-cpy, or a prov-dply, which
   * activates it locally before pushing it: its push may time out, "should be reexecuted"), and the two active
   * configurations have not been the same since (no prov-dply, prov-sync or start-up pull reconciled them). MGC-8:
   * so does an upgrade of one host, which converts that host's own files to the new release (new sizes and
   * times): a pair mid-upgrade runs two formats of its configuration, and prov-sync between them is refused.
   */
  private static boolean operatorDivergenceSince(RunFacts run, String a, String b) {
    Map<String, Object> config = new HashMap<>();
    boolean diverged = false;
    for (var e : run.events()) {
      if (!e.node().equals(a) && !e.node().equals(b)) {
        continue;
      }
      boolean copied = e.is(EventKind.DECISION) && Mml.Verb.PROV_CPY.text.equals(e.string("mml"))
          && "COMPLD".equals(e.string("result"));
      boolean upgraded = e.is(EventKind.FAULT) && "upgrade".equals(e.string("action"));
      if (copied || upgraded || e.is(EventKind.DECISION) && e.fields().containsKey(ACTIVATED_HERE)) {
        diverged = true;
      } else if (e.is(EventKind.VIEW) && "config".equals(e.string("key"))) {
        config.put(e.node(), e.fields().get("value"));
        if (config.get(a) != null && config.get(a).equals(config.get(b))) {
          diverged = false;
        }
      }
    }
    return diverged;
  }

  /** MGC-4, MGC-9: once the faults are over, every running host's POM is READY (no transfer left hanging). */
  static Property noStuckPom(List<MgcPair> pairs) {
    return new Declared(NO_STUCK_POM, "MGC-9", LIVENESS,
        "once every fault is over, every running host's POM manager state is "
        + "READY: no transfer or sync left waiting (MGC-4, MGC-9)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (MgcPair pair : pairs) {
          for (String host : pair.hosts()) {
            String state = world.node(host).state();
            if (world.up(host) && !PomCodes.MgrState.READY.name().equals(state)) {
              problems.add(host + " POM manager state is " + state);
            }
          }
        }
        return problems;
      }
    };
  }
}
