package dev.hasim.cucm;

import static dev.hasim.scenario.spi.Property.Phase.LIVENESS;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUCM model's properties for {@code hasim explore} and {@code {property: …}} expectations. Safety is the
 * two invariants (a phone registered with at most one CCM, PH-1; no synchronisation to stratum 10 or more,
 * PH-3). Liveness, once every fault is over: every phone is registered with the first CCM of its list that
 * runs and reaches it (failover then fallback, PH-1), and every NTP-modelled cluster is synchronised (PH-3).
 */
final class CucmProperties {
  static final String ON_HIGHEST = "phones-on-highest-ccm";
  static final String NTP_SYNCED = "cluster-time-synchronised";

  private CucmProperties() {}

  static Exploration exploration(CucmTopology topology) {
    CucmTiming t = topology.slowest();
    Map<String, Long> timers = new LinkedHashMap<>();
    timers.put("keepalive (PH-1)", t.keepaliveMs());
    timers.put("three missed keepalives (PH-1)", t.lostAfterMs());
    timers.put("registration timeout (PH-1)", t.registerTimeoutMs());
    timers.put("fallback delay (PH-1)", t.fallbackDelayMs());
    timers.put("reset delay (PH-2)", t.resetDelayMs());
    long bound = t.lostAfterMs() + 4 * t.registerTimeoutMs() + t.resetDelayMs() + t.fallbackDelayMs()
        + 3 * t.keepaliveMs();
    String why = "3.5 keepalives (a lost connection) + 4 registration timeouts (a pass down the list) + the reset "
        + "delay + the fallback delay + 3 keepalives (probes and a last registration) = " + bound + " ms";
    if (topology.ntpModelled()) {
      long ntp = t.ntpPollMs() * (2L * t.ntpSyncAfter() + t.ntpLoseAfter() + 2);
      bound = Math.max(bound, ntp);
      why += "; with NTP, the larger of that and (2 x sync-after + lose-after + 2) polls = " + ntp + " ms (PH-3)";
    }
    List<String> phones = List.copyOf(topology.phones().keySet());
    List<Exploration.OperatorAction> actions = new ArrayList<>();
    actions.add(new Exploration.OperatorAction("reset", phones, (node, r) -> List.of("reset: " + node)));
    // EMCC-1: a visitor logs in at a phone, as a user some cluster homes, or now and then as nobody's user.
    List<String> users = topology.clusters().values().stream().flatMap(c -> c.users().keySet().stream()).sorted()
        .toList();
    if (!users.isEmpty()) {
      actions.add(new Exploration.OperatorAction("emcc-login", phones, (node, r) -> List.of("emcc_login: {phone: "
          + node + ", user: " + (r.nextInt(8) == 0 ? "nobody" : users.get(r.nextInt(users.size()))) + "}")));
    }
    List<Property> properties = new ArrayList<>();
    properties.add(onHighest(topology));
    if (topology.ntpModelled()) {
      properties.add(ntpSynchronised(topology));
    }
    return new Exploration(timers, bound, why, properties, actions, List.of("PH-1", "PH-2", "PH-3", "EMCC-1"));
  }

  /** PH-1: failover, then fallback: a phone ends on the first CCM of its list that runs and reaches it. */
  static Property onHighest(CucmTopology topology) {
    return new Property.Declared(ON_HIGHEST, "PH-1", LIVENESS, "once every fault is over, every running phone "
        + "is registered with the first CCM of its list that runs and can reach it both ways (PH-1)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        topology.phones().forEach((phone, config) -> {
          WorldState.NodeView view = world.node(phone);
          if (!view.up() || view.view(CucmWords.EMCC_VIEW) != null
              || (config.dhcpServer() != null && !world.canTalk(phone, config.dhcpServer()))) {
            return;
          }
          String best = config.ccms().stream().filter(c -> world.canTalk(phone, c)).findFirst().orElse(null);
          if (best == null) {
            return;
          }
          Object ccm = view.view(CucmWords.CCM_VIEW);
          if (!best.equals(ccm)) {
            problems.add(phone + " is registered with " + ccm + " (state " + view.state() + ") although " + best
                + ", earlier in its list " + config.ccms() + ", runs and reaches it");
          }
        });
        return problems.size() > 5 ? List.of(problems.size() + " phones, e.g. " + problems.get(0)) : problems;
      }
    };
  }

  /** PH-3: with a usable source reachable, the publisher is synchronised, and then its subscribers one above. */
  static Property ntpSynchronised(CucmTopology topology) {
    return new Property.Declared(NTP_SYNCED, "PH-3", LIVENESS, "once every fault is over, a publisher that reaches "
        + "an NTP server below stratum 10 is synchronised, and each subscriber that reaches a synchronised "
        + "publisher is synchronised one stratum above it (PH-3)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (Cluster c : topology.clusters().values()) {
          if (c.ntpServers() == null || !world.up(c.publisher())) {
            continue;
          }
          WorldState.NodeView pub = world.node(c.publisher());
          boolean usable = c.ntpServers().stream().anyMatch(s -> world.canTalk(c.publisher(), s)
              && world.node(s).attribute(CucmWords.STRATUM) instanceof Number n && n.intValue() < 10);
          if (usable && !CucmWords.SYNCHRONISED.equals(pub.state())) {
            problems.add("publisher " + c.publisher() + " is " + pub.state() + " although it reaches a usable NTP "
                + "server");
          }
          if (!CucmWords.SYNCHRONISED.equals(pub.state())) {
            continue;
          }
          for (String sub : c.subscribers()) {
            WorldState.NodeView v = world.node(sub);
            if (world.canTalk(sub, c.publisher()) && (!CucmWords.SYNCHRONISED.equals(v.state())
                || !(v.attribute(CucmWords.STRATUM) instanceof Number s)
                || !(pub.attribute(CucmWords.STRATUM) instanceof Number p) || s.intValue() != p.intValue() + 1)) {
              problems.add("subscriber " + sub + " is " + v.state() + " at stratum " + v.attribute(CucmWords.STRATUM)
                  + " while its publisher is synchronised at stratum " + pub.attribute(CucmWords.STRATUM));
            }
          }
        }
        return problems;
      }
    };
  }
}
