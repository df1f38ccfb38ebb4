package dev.hasim.cwm;

import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * CWM-17: tells a split from a bug. Several Primaries in one domain are the protocol's documented outcome of a
 * split when each newer Primary took the role without hearing from the older ones: its takeover decision
 * names them as {@code unheard} (a starting gateway that no peer answered, CWM-2; SP1 whose Primary went
 * silent, CWM-14) or heard from them only before they became Primary ({@code heard_ms}), or it took over by handover (CWM-5, CWM-15) from a Primary that was itself split from them,
 * or an operator forced it to become Primary (CWM-16: "done without care it creates several Primaries").
 * Any other way to several Primaries (a switchover race, a restarted Primary resuming while it hears the new
 * one) is a model bug. Replayed from the trace instant by instant, as the invariants are.
 */
final class CwmSplits {
  /** The rule of an operator's force_primary: a documented way to several Primaries. */
  private static final String FORCED = "CWM-16";
  /** What the replay found: the instants that were not a documented split, and how many splits began. */
  record Verdict(List<String> undocumented, int splits, Map<String, Long> reignStart,
      Map<String, Set<String>> coexists) {
    /** Whether the running Primaries {@code primaries} are a documented split, at the replay's last instant. */
    boolean split(List<String> primaries) {
      for (String p : primaries) {
        for (String q : primaries) {
          if (!p.equals(q) && !documented(p, q, reignStart, coexists)) {
            return false;
          }
        }
      }
      return true;
    }
  }

  /** Whether Primaries {@code p} and {@code q} may coexist: the newer was split from the older. */
  private static boolean documented(String p, String q, Map<String, Long> reignStart,
      Map<String, Set<String>> coexists) {
    long tp = reignStart.getOrDefault(p, 0L);
    long tq = reignStart.getOrDefault(q, 0L);
    boolean pSplitFromQ = coexists.getOrDefault(p, Set.of()).contains(q);
    boolean qSplitFromP = coexists.getOrDefault(q, Set.of()).contains(p);
    return tp > tq ? pSplitFromQ : tp < tq ? qSplitFromP : pSplitFromQ || qSplitFromP;
  }

  private CwmSplits() {}

  /** The replay of {@code events} up to and including {@code untilMs}. */
  static Verdict judge(List<CwmDomain> domains, List<TraceEvent> events, long untilMs) {
    Map<String, String> domainOf = new LinkedHashMap<>();
    domains.forEach(d -> d.hosts().forEach(h -> domainOf.put(h, d.name())));
    Map<String, Long> reignStart = new LinkedHashMap<>(); // running Primary → when its reign began
    Map<String, Long> lastReign = new LinkedHashMap<>(); // every gateway that was Primary → its last reign's start
    Map<String, Set<String>> coexists = new LinkedHashMap<>(); // Primary → the gateways it is split from
    Map<String, TraceEvent> takeover = new LinkedHashMap<>(); // node → its decision to take the role, until taken
    Map<String, TraceEvent> lastTakeover = new LinkedHashMap<>();
    Set<String> wasSplit = new TreeSet<>();
    List<String> undocumented = new ArrayList<>();
    int splits = 0;
    int i = 0;
    while (i < events.size() && events.get(i).tMs() <= untilMs) {
      long t = events.get(i).tMs();
      Set<String> newcomers = new TreeSet<>();
      while (i < events.size() && events.get(i).tMs() == t) {
        TraceEvent e = events.get(i++);
        String node = e.node();
        if (!domainOf.containsKey(node)) {
          continue;
        }
        if (e.is(EventKind.DECISION) && CwmWords.PRIMARY.equals(e.fields().get("role"))) {
          takeover.put(node, e);
        } else if (e.is(EventKind.ROLE)) {
          if (CwmWords.PRIMARY.equals(e.string("to"))) {
            newcomers.add(node);
            TraceEvent decision = takeover.remove(node);
            lastTakeover.put(node, decision);
            Set<String> from = new TreeSet<>(names(decision == null ? null : decision.fields().get(PrimaryRole.UNHEARD)));
            from.addAll(heardOnlyBefore(decision, reignStart));
            if (decision != null && FORCED.equals(decision.string("rule"))) {
              // CWM-16: "done without care it creates several Primaries": the operator's choice, not a bug. It
              // stands beside every earlier reign, so also beside the nominee of a handover under way (found by
              // hasim explore: force_primary 10 ms after a USR2 or a graceful shutdown handed the role on).
              from.addAll(lastReign.keySet());
              from.remove(node);
            }
            Object after = decision == null ? null : decision.fields().get(PrimaryRole.AFTER);
            if (after != null) {
              // A handover continues the predecessor's reign: it inherits the Primaries it was split from.
              String predecessor = after.toString();
              from.addAll(coexists.getOrDefault(predecessor, Set.of()));
              // CWM-16: a Primary an operator forced while this handover was under way (the predecessor itself
              // included, forced back 10 ms after its USR2) stands beside the nominee by the operator's doing.
              for (String other : reignStart.keySet()) {
                TraceEvent otherTakeover = lastTakeover.get(other);
                if (otherTakeover != null && FORCED.equals(otherTakeover.string("rule"))
                    && reignStart.get(other) >= lastReign.getOrDefault(predecessor, 0L)) {
                  from.add(other);
                }
              }
              for (String other : reignStart.keySet()) {
                if (!other.equals(node) && documented(predecessor, other, lastReign, coexists)) {
                  from.add(other);
                }
              }
            }
            coexists.put(node, from);
            lastReign.put(node, t);
            reignStart.put(node, t);
          } else {
            reignStart.remove(node);
          }
        }
      }
      for (CwmDomain domain : domains) {
        List<String> primaries = domain.hosts().stream().filter(reignStart::containsKey).toList();
        String key = domain.name();
        if (primaries.size() < 2) {
          wasSplit.remove(key);
          continue;
        }
        for (String p : primaries) {
          for (String q : primaries) {
            // The newer reign must have been split from the older (same instant: either way).
            if (p.compareTo(q) < 0 && (newcomers.contains(p) || newcomers.contains(q))
                && !documented(p, q, reignStart, coexists)) {
              String newer = reignStart.get(p) >= reignStart.get(q) ? p : q;
              String older = newer.equals(p) ? q : p;
              undocumented.add("at " + t + " ms " + newer + " is Primary beside " + older + " but took the role ("
                  + describe(lastTakeover.get(newer)) + ") without being cut off from " + older
                  + ": not a CWM-17 split");
            }
          }
        }
        if (wasSplit.add(key)) {
          splits++;
        }
      }
    }
    return new Verdict(undocumented, splits, reignStart, coexists);
  }

  /**
   * The running Primaries the new one last heard from before their reign began: it answered a discovery as a
   * Secondary, then took the role while cut off (explore, 10,000 schedules: a restarted Primary resumed on a
   * 40-s-old answer from the gateway that had since taken over from it). It never heard from them as Primary.
   */
  private static Collection<String> heardOnlyBefore(TraceEvent decision, Map<String, Long> reignStart) {
    List<String> stale = new ArrayList<>();
    if (decision != null && decision.fields().get(PrimaryRole.HEARD) instanceof Map<?, ?> heard) {
      heard.forEach((peer, at) -> {
        Long since = reignStart.get(peer.toString());
        if (since != null && at instanceof Number n && n.longValue() < since) {
          stale.add(peer.toString());
        }
      });
    }
    return stale;
  }

  private static Collection<String> names(Object value) {
    List<String> names = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      c.forEach(o -> names.add(o.toString()));
    }
    return names;
  }

  private static String describe(TraceEvent decision) {
    return decision == null ? "no decision" : decision.string("rule") + " at " + decision.tMs() + " ms";
  }
}
