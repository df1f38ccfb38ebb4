package dev.hasim.kernel.check;

import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.net.NetworkFault;
import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the world looks like at one instant, rebuilt from the trace alone: every node's role, state, model
 * attributes ({@link EventKind#isAttribute}) and alarms, and the network's links. Invariants, the stable predicate, expectations and reports all read
 * this, so they all agree with the trace.
 */
public final class WorldState {
  private final Map<String, NodeView> nodes = new LinkedHashMap<>();
  private final LinkTable links;
  private long nowMs;

  public WorldState(Iterable<String> nodeNames, LinkTable initialLinks) {
    for (String name : nodeNames) {
      nodes.put(name, new NodeView(name));
    }
    this.links = initialLinks.copy();
  }

  /** One node as the trace tells it; the role is DOWN until the node starts. */
  public static final class NodeView {
    private final String name;
    private String role = NodeDirectory.DOWN;
    private String state;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final TreeSet<Integer> alarms = new TreeSet<>();
    private final java.util.TreeMap<String, Object> views = new java.util.TreeMap<>();

    NodeView(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public String role() {
      return role;
    }

    public String state() {
      return state;
    }

    /** The current value of a model attribute (e.g. a CWM gateway's {@code priority}); null when it has none. */
    public Object attribute(String kind) {
      return attributes.get(kind);
    }

    /** Every model attribute the node holds now, in the order first recorded. */
    public Map<String, Object> attributes() {
      return java.util.Collections.unmodifiableMap(attributes);
    }

    public Set<Integer> alarms() {
      return java.util.Collections.unmodifiableSet(alarms);
    }

    /** What the node believes or reports about others (see {@link EventKind#VIEW}). */
    public Map<String, Object> views() {
      return java.util.Collections.unmodifiableMap(views);
    }

    public Object view(String key) {
      return views.get(key);
    }

    public boolean up() {
      return !NodeDirectory.DOWN.equals(role);
    }
  }

  public void apply(TraceEvent event) {
    nowMs = event.tMs();
    NodeView node = nodes.get(event.node());
    switch (event.kind()) {
      case EventKind.ROLE -> node.role = event.string("to");
      case EventKind.STATE -> node.state = event.string("to");
      case EventKind.ALARM_RAISED -> node.alarms.add(event.number("code").intValue());
      case EventKind.ALARM_CLEARED -> node.alarms.remove(event.number("code").intValue());
      case EventKind.VIEW -> {
        Object value = event.fields().get("value");
        if (value == null) {
          node.views.remove(event.string("key"));
        } else {
          node.views.put(event.string("key"), value);
        }
      }
      case EventKind.FAULT -> {
        NetworkFault fault = NetworkFault.fromFields(event.fields());
        if (fault != null) {
          links.apply(fault);
        }
      }
      default -> {
        if (EventKind.isAttribute(event)) {
          Object to = event.fields().get("to");
          if (to == null) {
            node.attributes.remove(event.kind());
          } else {
            node.attributes.put(event.kind(), to);
          }
        }
      }
    }
  }

  public long nowMs() {
    return nowMs;
  }

  public NodeView node(String name) {
    NodeView view = nodes.get(name);
    if (view == null) {
      throw new IllegalArgumentException("unknown node " + name);
    }
    return view;
  }

  public Iterable<NodeView> nodes() {
    return nodes.values();
  }

  public boolean up(String name) {
    return node(name).up();
  }

  /** Both nodes up and messages can flow both ways (perhaps with loss below 1). */
  public boolean canTalk(String a, String b) {
    return up(a) && up(b) && links.reachable(a, b) && links.reachable(b, a);
  }

  public LinkTable links() {
    return links;
  }
}
