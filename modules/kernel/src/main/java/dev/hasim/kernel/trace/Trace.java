package dev.hasim.kernel.trace;

import dev.hasim.kernel.time.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only record of a run. Nodes and the kernel write to it; reports, invariants, convergence and
 * expectations read it after the run. Bounded: a model that floods it aborts the run with a clear error.
 */
public final class Trace {
  public static final int DEFAULT_MAX_EVENTS = 5_000_000;

  private final Timeline timeline;
  private final int maxEvents;
  private final List<TraceEvent> events = new ArrayList<>();
  private boolean sealed;

  public Trace(Timeline timeline) {
    this(timeline, DEFAULT_MAX_EVENTS);
  }

  public Trace(Timeline timeline, int maxEvents) {
    this.timeline = timeline;
    this.maxEvents = maxEvents;
  }

  /** Records an event now. Events after {@link #seal} (the run's end) are not part of the run. */
  public synchronized void record(String node, String kind, Map<String, Object> fields) {
    if (sealed) {
      return;
    }
    long tMs = timeline.nowMs();
    if (events.size() >= maxEvents) {
      throw new TraceOverflowException("the trace reached its limit of " + maxEvents
          + " events at t=" + tMs + " ms; shorten the scenario or fix the model that floods it");
    }
    events.add(new TraceEvent(tMs, node, kind, fields));
  }

  /** The run is over: whatever the actors do while the system shuts down is not part of it. */
  public synchronized void seal() {
    sealed = true;
  }

  public synchronized List<TraceEvent> events() {
    return List.copyOf(events);
  }

  /** The events from {@code index} on (a copy): what a live view has not seen yet. */
  public synchronized List<TraceEvent> eventsFrom(int index) {
    return List.copyOf(events.subList(Math.min(index, events.size()), events.size()));
  }

  public synchronized int size() {
    return events.size();
  }

  public static final class TraceOverflowException extends RuntimeException {
    TraceOverflowException(String message) {
      super(message);
    }
  }
}
