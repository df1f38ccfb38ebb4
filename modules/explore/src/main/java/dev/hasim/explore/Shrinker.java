package dev.hasim.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks a failing schedule to a small one that still fails the <b>same</b> property:
 * <ol>
 *   <li>delta debugging (ddmin) over the fault groups, so a cut and its heal, a crash and its restart, a conf
 *       edit and its USR2 go or stay together;</li>
 *   <li>single events within the remaining groups (a heal whose fault may as well last until the liveness
 *       phase);</li>
 *   <li>the liveness phase's no-op events: a {@code start} of a node that was running anyway, a
 *       {@code heal: all} with nothing to heal;</li>
 *   <li>times moved to round values (10 s, 5 s, 1 s, 100 ms, 10 ms), earlier or later, and durations inside
 *       events ({@code restart_after}, {@code down_for}, {@code latency}) rounded the same way, keeping the
 *       order of a group's events.</li>
 * </ol>
 * The test is any function from schedule to outcome, so the shrinker can be tested without actors.
 */
public final class Shrinker {
  private static final long[] ROUND = {60_000, 10_000, 5_000, 1_000, 100, 10};
  private static final Pattern DURATION = Pattern.compile("(restart_after|down_for|latency): (\\d+)(ms|s)");

  private final Function<Schedule, ScheduleRun.Outcome> runner;
  private final String property;
  private final int maxRuns;
  private int runs;
  private ScheduleRun.Outcome last;

  public Shrinker(Function<Schedule, ScheduleRun.Outcome> runner, String property, int maxRuns) {
    this.runner = runner;
    this.property = property;
    this.maxRuns = maxRuns;
  }

  /** The result: the smallest schedule found and its outcome (which fails {@code property}). */
  public record Result(Schedule schedule, ScheduleRun.Outcome outcome, int runs) {}

  public Result shrink(Schedule failing, ScheduleRun.Outcome outcome) {
    last = outcome;
    Schedule best = failing;
    best = ddmin(best);
    best = singleEvents(best);
    best = livenessNoOps(best);
    best = roundTimes(best);
    best = roundDurations(best);
    return new Result(best, last, runs);
  }

  private boolean fails(Schedule candidate) {
    if (runs >= maxRuns) {
      return false;
    }
    runs++;
    ScheduleRun.Outcome outcome = runner.apply(candidate);
    if (outcome.failed(property)) {
      last = outcome;
      return true;
    }
    return false;
  }

  /** Classic ddmin over group ids: remove chunks, refining the granularity when nothing can go. */
  private Schedule ddmin(Schedule s) {
    List<Integer> groups = new ArrayList<>(s.groups());
    if (groups.isEmpty()) {
      return s;
    }
    if (fails(only(s, List.of()))) {
      return only(s, List.of());
    }
    int n = 2;
    while (groups.size() >= 2) {
      List<List<Integer>> chunks = split(groups, n);
      boolean reduced = false;
      for (List<Integer> chunk : chunks) {
        List<Integer> rest = new ArrayList<>(groups);
        rest.removeAll(chunk);
        if (fails(only(s, rest))) {
          groups = rest;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= groups.size()) {
          break;
        }
        n = Math.min(n * 2, groups.size());
      }
    }
    return only(s, groups);
  }

  private static Schedule only(Schedule s, List<Integer> groups) {
    Set<Integer> keep = new HashSet<>(groups);
    return s.keep(e -> e.liveness() || keep.contains(e.group()));
  }

  private static List<List<Integer>> split(List<Integer> items, int n) {
    List<List<Integer>> chunks = new ArrayList<>();
    int size = items.size();
    for (int i = 0; i < n; i++) {
      int from = i * size / n;
      int to = (i + 1) * size / n;
      if (from < to) {
        chunks.add(items.subList(from, to));
      }
    }
    return chunks;
  }

  /** Drops single non-liveness events, last first (a heal before its fault). */
  private Schedule singleEvents(Schedule s) {
    List<Schedule.Event> events = new ArrayList<>(s.events());
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).liveness()) {
        continue;
      }
      List<Schedule.Event> fewer = new ArrayList<>(events);
      fewer.remove(i);
      if (fails(s.with(fewer))) {
        events = fewer;
      }
    }
    return s.with(events);
  }

  /**
   * The liveness phase heals everything and starts every node; in the minimal file only what had an effect
   * stays: starts of nodes that were down just before the heal, the heal if a fault was still in force.
   */
  private Schedule livenessNoOps(Schedule s) {
    ScheduleRun.Outcome outcome = last;
    List<Schedule.Event> events = new ArrayList<>();
    for (Schedule.Event e : s.events()) {
      boolean noOp = e.liveness() && (e.body().equals("heal: all") ? !outcome.faultsBeforeHeal()
          : e.body().startsWith("start: ") && !outcome.downBeforeHeal().contains(e.body().substring(7)));
      if (!noOp) {
        events.add(e);
      }
    }
    Schedule candidate = s.with(events);
    return candidate.events().size() < s.events().size() && fails(candidate) ? candidate : s;
  }

  /** Each event's time to the roundest value that still fails (and keeps its group's order). */
  private Schedule roundTimes(Schedule s) {
    List<Schedule.Event> events = new ArrayList<>(s.events());
    for (int i = 0; i < events.size(); i++) {
      Schedule.Event e = events.get(i);
      if (e.liveness()) {
        continue;
      }
      for (long unit : ROUND) {
        if (e.atMs() % unit == 0) {
          break; // already as round as this and every finer unit
        }
        boolean moved = false;
        for (long candidateMs : new long[] {Math.round((double) e.atMs() / unit) * unit,
            (e.atMs() / unit) * unit, (e.atMs() / unit + 1) * unit}) {
          if (candidateMs <= 0 || candidateMs >= s.healAtMs() || !keepsGroupOrder(events, i, candidateMs)) {
            continue;
          }
          List<Schedule.Event> moved1 = new ArrayList<>(events);
          moved1.set(i, e.at(candidateMs));
          if (fails(s.with(moved1))) {
            events = new ArrayList<>(s.with(moved1).events());
            moved = true;
            break;
          }
        }
        if (moved) {
          break;
        }
      }
    }
    return s.with(events);
  }

  private static boolean keepsGroupOrder(List<Schedule.Event> events, int index, long newMs) {
    Schedule.Event e = events.get(index);
    for (int j = 0; j < events.size(); j++) {
      Schedule.Event other = events.get(j);
      if (j == index || other.group() != e.group()) {
        continue;
      }
      if ((j < index && other.atMs() > newMs) || (j > index && other.atMs() < newMs)) {
        return false;
      }
    }
    return true;
  }

  /** {@code restart_after: 12345ms} → 12s, 12300ms … whichever roundest still fails. */
  private Schedule roundDurations(Schedule s) {
    List<Schedule.Event> events = new ArrayList<>(s.events());
    for (int i = 0; i < events.size(); i++) {
      Schedule.Event e = events.get(i);
      Matcher m = DURATION.matcher(e.body());
      if (e.liveness() || !m.find()) {
        continue;
      }
      long ms = Long.parseLong(m.group(2)) * (m.group(3).equals("s") ? 1000 : 1);
      for (long unit : ROUND) {
        if (ms % unit == 0) {
          break;
        }
        long rounded = Math.max(unit, Math.round((double) ms / unit) * unit);
        String body = e.body().substring(0, m.start()) + m.group(1) + ": " + Times.format(rounded)
            + e.body().substring(m.end());
        List<Schedule.Event> changed = new ArrayList<>(events);
        changed.set(i, e.withBody(body));
        if (fails(s.with(changed))) {
          events = changed;
          break;
        }
      }
    }
    return s.with(events);
  }
}
