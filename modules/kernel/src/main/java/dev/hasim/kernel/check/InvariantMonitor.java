package dev.hasim.kernel.check;

import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a trace and checks every invariant after each instant (all events of one millisecond applied, so a
 * half-applied instant is never judged). A breach that lasts its invariant's grace period is reported once,
 * with the event that started it.
 */
public final class InvariantMonitor {
  private final List<Invariant> invariants;
  private final Map<String, Episode> open = new LinkedHashMap<>();
  private final List<Violation> violations = new ArrayList<>();

  private InvariantMonitor(List<Invariant> invariants) {
    this.invariants = invariants;
  }

  public static List<Violation> check(
      List<TraceEvent> trace, Iterable<String> nodes, LinkTable links, List<Invariant> invariants, long endMs) {
    InvariantMonitor monitor = new InvariantMonitor(invariants);
    WorldState world = new WorldState(nodes, links);
    int i = 0;
    while (i < trace.size()) {
      long t = trace.get(i).tMs();
      monitor.expire(t);
      TraceEvent last = null;
      while (i < trace.size() && trace.get(i).tMs() == t) {
        last = trace.get(i++);
        world.apply(last);
      }
      monitor.evaluate(world, t, last);
    }
    monitor.expire(endMs);
    return monitor.violations;
  }

  private record Episode(Invariant invariant, String subject, long sinceMs, String detail, String cause,
      boolean reported) {}

  private void evaluate(WorldState world, long t, TraceEvent cause) {
    Map<String, Episode> still = new LinkedHashMap<>();
    for (Invariant invariant : invariants) {
      invariant.check(world, (subject, detail) -> {
        String key = invariant.name() + '\u0000' + subject;
        Episode episode = open.get(key);
        if (episode == null) {
          episode = new Episode(invariant, subject, t, detail, describe(cause), false);
        }
        still.put(key, episode);
      });
    }
    open.clear();
    open.putAll(still);
    expire(t);
  }

  /** Reports open breaches whose grace period ended by {@code t}. */
  private void expire(long t) {
    for (Iterator<Map.Entry<String, Episode>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Episode> entry = it.next();
      Episode e = entry.getValue();
      long violatedAt = e.sinceMs() + e.invariant().graceMs();
      if (!e.reported() && violatedAt <= t) {
        violations.add(new Violation(e.invariant().name(), violatedAt, e.sinceMs(), e.subject(), e.detail(),
            e.cause()));
        entry.setValue(new Episode(e.invariant(), e.subject(), e.sinceMs(), e.detail(), e.cause(), true));
      }
    }
  }

  private static String describe(TraceEvent event) {
    return event == null ? "start of run" : "t=" + event.tMs() + "ms " + event.node() + " " + event.kind()
        + " " + event.fields();
  }
}
