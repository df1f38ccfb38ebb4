package dev.hasim.kernel.check;

import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * When did the system settle after each fault? A fault has converged at the first instant {@code c} at or
 * after it from which, for its settle window, no role, state, priority or alarm changes, no invariant
 * violation falls in {@code [c, c + settle]}, and the model's stable predicate holds at {@code c}.
 *
 * <p>A fault is measured only up to the next fault (a later instant): what happens after that is the next
 * fault's doing. When the next fault comes before a quiet settle window could pass, the fault settled at the
 * last change it caused if the system was then stable and quiet until the next fault ("settled, quiet until the
 * next fault"); otherwise it was interrupted by the next fault. So a shutdown at 100 s whose renumbering ends at
 * 100.002 s settles at 100.002 s even when a restart follows at 150 s, and never absorbs the restart.
 */
public final class Convergence {
  /**
   * @param detectedMs the first change any node made after the fault, before the next fault; null if none did
   * @param convergedMs null when the system never settled before the end of the run or the next fault
   * @param stableSinceMs when {@code convergedMs} is null but the system was stable and quiet from this instant
   *     to the end of the run, shorter than the settle window: "not proven settled", rather than "unsettled"
   * @param settleMs the quiet window this fault was judged with (its models' own, see {@code ModelTopology})
   * @param nextFaultMs the next fault's instant when it came before a full settle window had passed: the fault
   *     settled at {@code convergedMs} with a shorter quiet span, or (converged null) was interrupted by it
   */
  public record Result(String fault, long injectedMs, Long detectedMs, Long convergedMs, Long stableSinceMs,
      long settleMs, Long nextFaultMs) {
    public Result(String fault, long injectedMs, Long detectedMs, Long convergedMs) {
      this(fault, injectedMs, detectedMs, convergedMs, null, 0, null);
    }

    public Result(String fault, long injectedMs, Long detectedMs, Long convergedMs, Long stableSinceMs) {
      this(fault, injectedMs, detectedMs, convergedMs, stableSinceMs, 0, null);
    }

    /** Interrupted: the next fault came while the system was still unsettled. */
    public boolean interrupted() {
      return convergedMs == null && nextFaultMs != null;
    }

    /**
     * How a person reads the outcome: "settled at …", "settled at …; quiet until the next fault at …",
     * "interrupted by the next fault at …", "stable since … (window cut short)", "never settled".
     */
    public String outcome(java.util.function.LongFunction<String> time) {
      if (convergedMs != null) {
        String settled = "settled at " + time.apply(convergedMs) + " (" + (convergedMs - injectedMs) + " ms)";
        return nextFaultMs == null ? settled : settled + "; quiet until the next fault at "
            + time.apply(nextFaultMs) + ", short of the " + time.apply(settleMs) + " settle window";
      }
      if (nextFaultMs != null) {
        return "interrupted by the next fault at " + time.apply(nextFaultMs) + " before it settled";
      }
      if (stableSinceMs != null) {
        return "stable since " + time.apply(stableSinceMs) + ", but the run ended before the settle window did";
      }
      return "never settled";
    }
  }

  private Convergence() {}

  /** Every fault judged with the same settle window. */
  public static List<Result> measure(List<TraceEvent> trace, Iterable<String> nodes, LinkTable links,
      Predicate<WorldState> stable, List<Violation> violations, long settleMs, long endMs) {
    return measure(trace, nodes, links, stable, violations, fault -> settleMs, endMs);
  }

  /** @param settleFor the settle window of a fault event (e.g. from the models of the nodes it touches) */
  public static List<Result> measure(List<TraceEvent> trace, Iterable<String> nodes, LinkTable links,
      Predicate<WorldState> stable, List<Violation> violations, java.util.function.ToLongFunction<TraceEvent> settleFor,
      long endMs) {
    List<Result> results = new ArrayList<>();
    for (int f = 0; f < trace.size(); f++) {
      TraceEvent fault = trace.get(f);
      if (fault.is(EventKind.FAULT)) {
        Long nextFault = null;
        for (int j = f + 1; j < trace.size(); j++) {
          if (trace.get(j).is(EventKind.FAULT) && trace.get(j).tMs() > fault.tMs()) {
            nextFault = trace.get(j).tMs();
            break;
          }
        }
        results.add(measureOne(trace, f, nodes, links, stable, violations, settleFor.applyAsLong(fault), endMs,
            nextFault));
      }
    }
    return results;
  }

  private static Result measureOne(List<TraceEvent> trace, int faultIndex, Iterable<String> nodes,
      LinkTable links, Predicate<WorldState> stable, List<Violation> violations, long settleMs, long endMs,
      Long nextFaultMs) {
    TraceEvent fault = trace.get(faultIndex);
    long horizon = nextFaultMs == null ? endMs : nextFaultMs;
    WorldState world = new WorldState(nodes, links);
    int i = 0;
    // The state at the fault's instant includes everything recorded at that millisecond.
    long candidate = fault.tMs();
    while (i < trace.size() && trace.get(i).tMs() <= candidate) {
      world.apply(trace.get(i++));
    }
    Long detected = null;
    for (int j = faultIndex + 1; j < trace.size() && trace.get(j).tMs() < horizon; j++) {
      if (EventKind.isChange(trace.get(j).kind())) {
        detected = trace.get(j).tMs();
        break;
      }
    }
    String label = label(fault);
    while (true) {
      long nextChange = nextChangeAfter(trace, i);
      boolean lastBeforeHorizon = nextChange >= horizon;
      long quietUntil = lastBeforeHorizon ? horizon : nextChange;
      if (quietUntil - candidate >= settleMs && stable.test(world)
          && noViolationIn(violations, candidate, candidate + settleMs)) {
        return new Result(label, fault.tMs(), detected, candidate, null, settleMs, null);
      }
      if (lastBeforeHorizon) {
        boolean stableToHorizon = stable.test(world) && noViolationIn(violations, candidate, horizon);
        if (nextFaultMs != null) {
          // The next fault came first: the last change before it ends this fault's story, if all was well then.
          return stableToHorizon ? new Result(label, fault.tMs(), detected, candidate, null, settleMs, nextFaultMs)
              : new Result(label, fault.tMs(), detected, null, null, settleMs, nextFaultMs);
        }
        return new Result(label, fault.tMs(), detected, null, stableToHorizon ? candidate : null, settleMs, null);
      }
      candidate = nextChange;
      while (i < trace.size() && trace.get(i).tMs() <= candidate) {
        world.apply(trace.get(i++));
      }
    }
  }

  private static long nextChangeAfter(List<TraceEvent> trace, int from) {
    for (int j = from; j < trace.size(); j++) {
      if (EventKind.isChange(trace.get(j).kind())) {
        return trace.get(j).tMs();
      }
    }
    return Long.MAX_VALUE;
  }

  private static boolean noViolationIn(List<Violation> violations, long fromMs, long toMs) {
    for (Violation v : violations) {
      if (v.tMs() >= fromMs && v.tMs() <= toMs) {
        return false;
      }
    }
    return true;
  }

  /** A short name for a fault event: its action and what it acts on. */
  public static String label(TraceEvent fault) {
    StringBuilder label = new StringBuilder(String.valueOf(fault.fields().get("action")));
    fault.fields().forEach((key, value) -> {
      if (!key.equals("action") && value != null && !key.equals("why")) {
        label.append(' ').append(key).append('=').append(value);
      }
    });
    return label.toString();
  }
}
