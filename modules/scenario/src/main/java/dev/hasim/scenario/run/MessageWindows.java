package dev.hasim.scenario.run;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.Trace;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.spi.ModelTopology;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the messages around each scenario event into the trace, for sequence diagrams and the replay's
 * animation: from the event to four detection periods after it, every message to or from the nodes the event
 * involves <em>and the rest of their group</em> (the DSR pair, the CWM domain, the MGC pair), because the
 * reaction to a Primary's crash is the Secondaries' queries and re-registrations, not the crashed node's
 * silence. While the reaction goes on the window stays open: each message recorded that is not a heartbeat keeps
 * it open one more detection period (an MGC prov-sync's transfer outlasts four periods of 500 ms heartbeats). At
 * most {@link #MAX_PER_WINDOW} per event. Heartbeats elsewhere stay out, so a long run's trace stays small.
 *
 * <p>A window opens when its event is performed, never earlier: what the trace holds at any instant depends
 * only on what happened up to it. So a live run (hasim play), whose events are clicked in as it goes, writes
 * exactly the trace its saved scenario file writes when run again.
 */
public final class MessageWindows implements Fabric.MessageObserver {
  static final int MAX_PER_WINDOW = 3000;
  /** Detection periods a window lasts after its event, at least. */
  public static final int PERIODS_AFTER = 4;

  private final Trace trace;
  private final Fabric fabric;
  private final long lengthMs;
  private final long detectionMs;
  /**
   * Node → its group(s), itself included; each group's list is shared by its members, not copied per member:
   * a model's group of 5,000 phones made a copy per member 25 million set entries.
   */
  private final Map<String, List<List<String>>> groupsOf = new java.util.HashMap<>();
  private final List<Window> active = new ArrayList<>();

  private static final class Window {
    long toMs;
    /**
     * Empty: every node. The nodes' fabric endpoints, one per name, hashed by identity: every message is checked
     * against it, and looking up the names would read two strings per message, each a cache miss at 10,000 nodes.
     */
    final Set<Fabric.Endpoint> nodes;
    int recorded;

    Window(long toMs, Set<Fabric.Endpoint> nodes) {
      this.toMs = toMs;
      this.nodes = nodes;
    }

    boolean covers(Fabric.Endpoint from, Fabric.Endpoint to) {
      return nodes.isEmpty() || nodes.contains(from) || nodes.contains(to);
    }
  }

  MessageWindows(Scenario scenario, Trace trace, Fabric fabric) {
    this.trace = trace;
    this.fabric = fabric;
    this.detectionMs = scenario.effectiveSettleMs() / 2;
    this.lengthMs = PERIODS_AFTER * detectionMs;
    for (ModelTopology topology : scenario.topologies()) {
      for (List<String> group : topology.groups().values()) {
        for (String node : group) {
          groupsOf.computeIfAbsent(node, n -> new ArrayList<>(1)).add(group);
        }
      }
    }
  }

  /** Called as a scenario event is performed, at its instant: messages from now on are candidates. */
  void open(long nowMs, Action action) {
    Set<String> names = new HashSet<>();
    for (String node : action.involved()) {
      names.add(node);
      groupsOf.getOrDefault(node, List.of()).forEach(names::addAll);
    }
    Set<Fabric.Endpoint> nodes = new HashSet<>();
    for (String name : names) {
      nodes.add(fabric.endpoint(name));
    }
    active.add(new Window(nowMs + lengthMs, nodes));
  }

  @Override
  public void delivered(long tMs, long sentMs, Fabric.Endpoint from, Fabric.Endpoint to, Object message) {
    record(tMs, sentMs, from, to, message, "delivered", null);
  }

  @Override
  public void dropped(long tMs, long sentMs, Fabric.Endpoint from, Fabric.Endpoint to, Object message,
      String reason) {
    record(tMs, sentMs, from, to, message, "dropped", reason);
  }

  private void record(long tMs, long sentMs, Fabric.Endpoint from, Fabric.Endpoint to, Object message, String fate,
      String reason) {
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
        String type = typeName(message);
        if (!isHeartbeat(type)) {
          window.toMs = Math.max(window.toMs, tMs + detectionMs);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("to", to.node());
        fields.put("type", type);
        fields.put("sent_ms", sentMs);
        fields.put("fate", fate);
        if (reason != null) {
          fields.put("reason", reason);
        }
        trace.record(from.node(), EventKind.MESSAGE, fields);
        return;
      }
    }
  }

  /**
   * Heartbeats are the background, recognised by name (every model calls them so): they neither keep a window
   * open nor, in the report, get an arrow each.
   */
  public static boolean isHeartbeat(String type) {
    String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    return t.contains("heartbeat") || t.contains("keepalive");
  }

  /**
   * The message's class name; a carrier record (MGC's RUDP {@code Segment}) names what it carries too, e.g.
   * {@code Segment(PomMsg)}, so a sequence diagram of a prov-sync reads as POM messages and TFTP blocks.
   */
  static String typeName(Object message) {
    String name = message.getClass().getSimpleName();
    if (message instanceof Record record) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        if (component.getName().equals("payload")) {
          try {
            Object payload = component.getAccessor().invoke(record);
            return payload == null ? name : name + "(" + typeName(payload) + ")";
          } catch (ReflectiveOperationException | RuntimeException e) {
            return name;
          }
        }
      }
    }
    return name;
  }
}
