package dev.hasim.ipfe;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPFE model's properties for {@code hasim explore}. Safety is the {@code alarm-matches-reachability}
 * invariant (IPFE-3, IPFE-4, after its grace); once every fault is over, no running server whose mate runs and
 * is reachable shows alarm 5003, and every such server is SYNCED.
 */
final class IpfeProperties {
  static final String ALARMS_CLEAR = "alarms-clear-after-heal";

  private IpfeProperties() {}

  static Exploration exploration(Map<String, String> mateOf, IpfeSettings settings) {
    Map<String, Long> timers = new LinkedHashMap<>();
    timers.put("heartbeat (IPFE-2)", settings.heartbeatMs());
    timers.put("missed heartbeat (IPFE-3)", settings.silenceTimeoutMs());
    timers.put("2 x heartbeat", 2 * settings.heartbeatMs());
    long bound = 4 * settings.silenceTimeoutMs() + 1000;
    String why = "4 x the missed-heartbeat time + 1 s = " + bound + " ms: a restarted server's first heartbeats "
        + "both ways (IPFE-2) and the alarm cleared on the first heartbeat after the heal (IPFE-4)";
    Property clear = new Property.Declared(ALARMS_CLEAR, "IPFE-4", Property.Phase.LIVENESS, "once every fault is "
        + "over, a running server whose mate runs and can reach it has no alarm " + IpfeServer.ALARM_STATE_SYNC
        + " and is " + IpfeServer.SYNCED + " (IPFE-3, IPFE-4)") {
      public List<String> check(WorldState world, RunFacts run) {
        List<String> problems = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(mateOf).entrySet()) {
          String node = e.getKey();
          String mate = e.getValue();
          if (mate == null || !world.canTalk(node, mate)) {
            continue;
          }
          WorldState.NodeView view = world.node(node);
          if (view.alarms().contains(IpfeServer.ALARM_STATE_SYNC) || !IpfeServer.SYNCED.equals(view.state())) {
            problems.add(node + " has alarms " + view.alarms() + " and state " + view.state() + " although mate "
                + mate + " runs and is reachable");
          }
        }
        return problems;
      }
    };
    return new Exploration(timers, bound, why, List.of(clear), List.of(), List.of("IPFE-1", "IPFE-2", "IPFE-3",
        "IPFE-4"));
  }
}
