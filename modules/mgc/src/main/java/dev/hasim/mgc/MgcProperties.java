package dev.hasim.mgc;

import static dev.hasim.scenario.spi.Property.Phase.LIVENESS;

import dev.hasim.kernel.check.WorldState;
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
 * The MGC model's properties for {@code hasim explore} and {@code {property: …}} expectations. Safety is the
 * {@code single-active} invariant; once every fault is over: exactly one active per pair (MGC-2), the active
 * configurations of both hosts the same (MGC-3, MGC-5), and no POM left busy (MGC-4, MGC-9).
 */
final class MgcProperties {
  static final String ONE_ACTIVE = "one-active";
  static final String CONFIG_IN_SYNC = "active-config-in-sync";
  static final String NO_STUCK_POM = "no-stuck-pom";

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
    long bound = 2 * link + xfer + response + 10_000;
    String why = "2 x link timeout + transfer timeout + response timeout + 10 s = " + bound + " ms: both links "
        + "seen up again (MGC-2), a transfer in progress finishing or timing out (MGC-9), its answer awaited, and a "
        + "restarted host's start-up (MGC-1)";
    List<String> hosts = pairs.stream().flatMap(p -> p.hosts().stream()).toList();
    List<Exploration.OperatorAction> actions = List.of(
        new Exploration.OperatorAction("prov-sync", hosts,
            (node, r) -> List.of("mml: {node: " + node + ", command: prov-sync}")),
        new Exploration.OperatorAction("provision-and-deploy", hosts, (node, r) -> {
          String version = "explore" + r.nextInt(100);
          return List.of("mml: {node: " + node + ", command: 'prov-sta::srcver=\"active\",dstver=\"" + version
              + "\"'}", "provision: {node: " + node + ", table: components, changes: " + (1 + r.nextInt(3)) + "}",
              "mml: {node: " + node + ", command: " + (r.nextBoolean() ? "prov-dply" : "prov-cpy") + "}");
        }));
    List<String> rules = IntStream.rangeClosed(1, 12).mapToObj(i -> "MGC-" + i).toList();
    return new Exploration(timers, bound, why, List.of(oneActive(pairs), configInSync(pairs), noStuckPom(pairs)),
        actions, rules);
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

  /** MGC-3, MGC-5: once the faults are over, both hosts of a pair run the same active configuration. */
  static Property configInSync(List<MgcPair> pairs) {
    return new Declared(CONFIG_IN_SYNC, "MGC-5", LIVENESS,
        "once every fault is over, both running hosts of a pair that started "
        + "in sync run the same active configuration (their config views match: MGC-3, MGC-5)") {
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
          if (ca != null && !ca.equals(cb) && inSyncOnceBothRan(run, a, b)) {
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
      if (e.is(dev.hasim.kernel.trace.EventKind.VIEW) && "config".equals(e.string("key"))) {
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
