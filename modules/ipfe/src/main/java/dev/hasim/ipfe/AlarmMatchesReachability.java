package dev.hasim.ipfe;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import java.util.Map;

/**
 * {@code alarm-matches-reachability}: every running IPFE has alarm 5003 exactly when it cannot synchronise
 * with its mate — the mate is down, or messages cannot flow both ways between them (IPFE-3, IPFE-4). A link
 * that loses only some messages is ambiguous (a missed heartbeat may or may not raise the alarm) and is not
 * judged. Detection takes time, hence the grace period: a one-way loss is noticed by the silent side after
 * one silence timeout and by the other side after a second one, plus a heartbeat interval each.
 */
final class AlarmMatchesReachability implements Invariant {
  static final String NAME = "alarm-matches-reachability";

  private final Map<String, String> mateOf;
  private final long graceMs;

  AlarmMatchesReachability(Map<String, String> mateOf, IpfeSettings settings, long worstDelayMs) {
    this.mateOf = mateOf;
    this.graceMs = 2 * (settings.silenceTimeoutMs() + settings.heartbeatMs() + worstDelayMs);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long graceMs() {
    return graceMs;
  }

  @Override
  public void check(WorldState world, Breaches breaches) {
    mateOf.forEach((node, mate) -> {
      if (!world.up(node)) {
        return;
      }
      boolean lossy = world.links().options(node, mate).loss() > 0 && world.links().options(node, mate).loss() < 1;
      if (lossy && world.up(mate)) {
        return;
      }
      boolean canSync = world.canTalk(node, mate);
      boolean alarm = world.node(node).alarms().contains(IpfeServer.ALARM_STATE_SYNC);
      if (alarm == canSync) {
        breaches.breach(node, alarm
            ? "alarm 5003 is active but " + mate + " is up and reachable both ways"
            : "no alarm 5003 but " + node + " cannot sync with " + mate + " ("
                + (world.up(mate) ? "messages cannot flow both ways" : mate + " is down") + ")");
      }
    });
  }
}
