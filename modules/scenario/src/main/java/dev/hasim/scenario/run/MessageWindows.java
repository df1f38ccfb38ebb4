package dev.hasim.scenario.run;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.Trace;
import dev.hasim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the messages around each scenario event into the trace, for sequence diagrams: from one detection
 * period before the event to three after, only messages to or from the nodes the event involves, at most
 * {@link #MAX_PER_WINDOW} per event. Heartbeats elsewhere stay out, so a long run's trace stays small.
 */
final class MessageWindows implements Fabric.MessageObserver {
  static final int MAX_PER_WINDOW = 400;

  private final Trace trace;
  private final List<Window> pending;
  private final List<Window> active = new ArrayList<>();
  private int next;

  private static final class Window {
    final long fromMs;
    final long toMs;
    /**
     * Empty: every node. A hash set, not {@code Set.of}: every message is checked against it, and node names
     * differ only deep inside, so comparing cached hash codes first spares reading two names per check.
     */
    final Set<String> nodes;
    int recorded;

    Window(long fromMs, long toMs, Set<String> nodes) {
      this.fromMs = fromMs;
      this.toMs = toMs;
      this.nodes = nodes;
    }

    boolean covers(String from, String to) {
      return nodes.isEmpty() || nodes.contains(from) || nodes.contains(to);
    }
  }

  MessageWindows(Scenario scenario, Trace trace) {
    this.trace = trace;
    long detection = scenario.effectiveSettleMs() / 2;
    this.pending = new ArrayList<>();
    for (Scenario.TimedAction event : scenario.events()) {
      pending.add(new Window(event.atMs() - detection, event.atMs() + 3 * detection,
          new HashSet<>(event.action().involved())));
    }
    pending.sort(Comparator.comparingLong(w -> w.fromMs));
  }

  @Override
  public void delivered(long tMs, String from, String to, Object message) {
    record(tMs, from, to, message, "delivered", null);
  }

  @Override
  public void dropped(long tMs, String from, String to, Object message, String reason) {
    record(tMs, from, to, message, "dropped", reason);
  }

  private void record(long tMs, String from, String to, Object message, String fate, String reason) {
    while (next < pending.size() && pending.get(next).fromMs <= tMs) {
      active.add(pending.get(next++));
    }
    Long sent = sentAt.isEmpty() ? null : sentAt.remove(message);
    if (active.isEmpty()) {
      return; // most messages of a long run: nothing to look at
    }
    for (int i = active.size() - 1; i >= 0; i--) {
      if (active.get(i).toMs < tMs) {
        active.remove(i);
      }
    }
    for (Window window : active) {
      if (window.covers(from, to) && window.recorded < MAX_PER_WINDOW) {
        window.recorded++;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("to", to);
        fields.put("type", message.getClass().getSimpleName());
        fields.put("sent_ms", sent == null ? tMs : sent);
        fields.put("fate", fate);
        if (reason != null) {
          fields.put("reason", reason);
        }
        trace.record(from, EventKind.MESSAGE, fields);
        return;
      }
    }
  }

  /** The fabric tells the send time through {@link #sent}; remembered per message object until its fate. */
  private final Map<Object, Long> sentAt = new java.util.IdentityHashMap<>();

  /** Remembered only for messages a window will record: the others would only fill the map. */
  @Override
  public void sent(long tMs, String from, String to, Object message, long arrivesMs) {
    for (Window window : active) {
      if (window.toMs >= tMs && window.covers(from, to)) {
        sentAt.put(message, tMs);
        return;
      }
    }
    for (int i = next; i < pending.size() && pending.get(i).fromMs <= arrivesMs; i++) {
      if (pending.get(i).covers(from, to)) {
        sentAt.put(message, tMs);
        return;
      }
    }
  }
}
