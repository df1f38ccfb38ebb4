package dev.hasim.kernel.check;

import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * When did the system settle after each fault? A fault has converged at the first instant {@code c} at or
 * after it from which, for the settle window, no role, state, model attribute or alarm changes, no invariant
 * violation falls in {@code [c, c + settle]}, and the model's stable predicate holds at {@code c}.
 */
public final class Convergence {
  /**
   * @param detectedMs the first change any node made after the fault; null if none did
   * @param convergedMs null when the system never settled before the end of the run
   * @param stableSinceMs when {@code convergedMs} is null but the system was stable and quiet from this instant
   *     to the end of the run, shorter than the settle window: "not proven settled", rather than "unsettled"
   */
  public record Result(String fault, long injectedMs, Long detectedMs, Long convergedMs, Long stableSinceMs) {
    public Result(String fault, long injectedMs, Long detectedMs, Long convergedMs) {
      this(fault, injectedMs, detectedMs, convergedMs, null);
    }

    /** How a person reads the outcome: "settled at …", "stable since … (window cut short)", "never settled". */
    public String outcome(java.util.function.LongFunction<String> time) {
      if (convergedMs != null) {
        return "settled at " + time.apply(convergedMs) + " (" + (convergedMs - injectedMs) + " ms)";
      }
      if (stableSinceMs != null) {
        return "stable since " + time.apply(stableSinceMs) + ", but the run ended before the settle window did";
      }
      return "never settled";
    }
  }

  private Convergence() {}

  public static List<Result> measure(List<TraceEvent> trace, Iterable<String> nodes, LinkTable links,
      Predicate<WorldState> stable, List<Violation> violations, long settleMs, long endMs) {
    List<Result> results = new ArrayList<>();
    for (int f = 0; f < trace.size(); f++) {
      TraceEvent fault = trace.get(f);
      if (fault.is(EventKind.FAULT)) {
        results.add(measureOne(trace, f, nodes, links, stable, violations, settleMs, endMs));
      }
    }
    return results;
  }

  private static Result measureOne(List<TraceEvent> trace, int faultIndex, Iterable<String> nodes,
      LinkTable links, Predicate<WorldState> stable, List<Violation> violations, long settleMs, long endMs) {
    TraceEvent fault = trace.get(faultIndex);
    WorldState world = new WorldState(nodes, links);
    int i = 0;
    // The state at the fault's instant includes everything recorded at that millisecond.
    long candidate = fault.tMs();
    while (i < trace.size() && trace.get(i).tMs() <= candidate) {
      world.apply(trace.get(i++));
    }
    Long detected = null;
    for (int j = faultIndex + 1; j < trace.size(); j++) {
      if (EventKind.isChange(trace.get(j))) {
        detected = trace.get(j).tMs();
        break;
      }
    }
    while (true) {
      long nextChange = nextChangeAfter(trace, i);
      long quietUntil = nextChange == Long.MAX_VALUE ? endMs : nextChange;
      if (quietUntil - candidate >= settleMs && stable.test(world)
          && noViolationIn(violations, candidate, candidate + settleMs)) {
        return new Result(label(fault), fault.tMs(), detected, candidate);
      }
      if (nextChange == Long.MAX_VALUE) {
        boolean stableToTheEnd = stable.test(world) && noViolationIn(violations, candidate, endMs);
        return new Result(label(fault), fault.tMs(), detected, null, stableToTheEnd ? candidate : null);
      }
      candidate = nextChange;
      while (i < trace.size() && trace.get(i).tMs() <= candidate) {
        world.apply(trace.get(i++));
      }
    }
  }

  private static long nextChangeAfter(List<TraceEvent> trace, int from) {
    for (int j = from; j < trace.size(); j++) {
      if (EventKind.isChange(trace.get(j))) {
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
