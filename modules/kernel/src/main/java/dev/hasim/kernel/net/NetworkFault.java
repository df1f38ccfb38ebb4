package dev.hasim.kernel.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change to the network, as the scenario injects it and as the trace records it. {@link #fields()} and
 * {@link #fromFields} are inverses, so a view can replay the network state from the trace alone.
 */
public sealed interface NetworkFault {
  String action();

  Map<String, Object> fields();

  /**
   * No messages from {@code from} to {@code to}; both directions unless {@code oneWay}. With a {@code channel},
   * only that one of the parallel links between them (see {@link Channelled}).
   */
  record Cut(String from, String to, boolean oneWay, String channel) implements NetworkFault {
    public Cut(String from, String to, boolean oneWay) {
      this(from, to, oneWay, null);
    }

    public String action() {
      return "cut";
    }

    public Map<String, Object> fields() {
      Map<String, Object> fields = ordered("action", action(), "from", from, "to", to, "one_way", oneWay);
      if (channel != null) {
        fields.put("channel", channel);
      }
      return fields;
    }
  }

  /** Restores one channel of a link, both directions; the other channels and the link's settings are untouched. */
  record HealChannel(String a, String b, String channel) implements NetworkFault {
    public String action() {
      return "heal";
    }

    public Map<String, Object> fields() {
      return ordered("action", action(), "link", List.of(a, b), "channel", channel);
    }
  }

  /** Restores one link (both directions, and its default latency, jitter and loss). */
  record Heal(String a, String b) implements NetworkFault {
    public String action() {
      return "heal";
    }

    public Map<String, Object> fields() {
      return ordered("action", action(), "link", List.of(a, b));
    }
  }

  /** Restores the whole network: no cuts, no isolation, no partition, no degradation. */
  record HealAll() implements NetworkFault {
    public String action() {
      return "heal";
    }

    public Map<String, Object> fields() {
      return ordered("action", action(), "link", "all");
    }
  }

  /** Cuts a node off from every other node, both directions. */
  record Isolate(String node) implements NetworkFault {
    public String action() {
      return "isolate";
    }

    public Map<String, Object> fields() {
      return ordered("action", action(), "target", node);
    }
  }

  /** Nodes in different groups cannot talk; nodes in no group keep talking to everyone. */
  record Partition(List<List<String>> groups) implements NetworkFault {
    public Partition {
      groups = groups.stream().map(List::copyOf).toList();
    }

    public String action() {
      return "partition";
    }

    public Map<String, Object> fields() {
      return ordered("action", action(), "groups", groups);
    }
  }

  /** New latency, jitter or loss for one link, both directions; a null keeps the current value. */
  record Degrade(String a, String b, Long latencyMs, Long jitterMs, Double loss) implements NetworkFault {
    public String action() {
      return "degrade";
    }

    public Map<String, Object> fields() {
      return ordered("action", action(), "link", List.of(a, b),
          "latency_ms", latencyMs, "jitter_ms", jitterMs, "loss", loss);
    }
  }

  /** Reads back what {@link #fields()} wrote; null when the fields are not a network fault. */
  @SuppressWarnings("unchecked")
  static NetworkFault fromFields(Map<String, Object> f) {
    Object action = f.get("action");
    if (action == null) {
      return null;
    }
    switch (action.toString()) {
      case "cut":
        return new Cut((String) f.get("from"), (String) f.get("to"), Boolean.TRUE.equals(f.get("one_way")),
            (String) f.get("channel"));
      case "heal": {
        Object link = f.get("link");
        if (link instanceof List<?> pair && f.get("channel") != null) {
          return new HealChannel((String) pair.get(0), (String) pair.get(1), (String) f.get("channel"));
        }
        if (link instanceof List<?> pair) {
          return new Heal((String) pair.get(0), (String) pair.get(1));
        }
        return new HealAll();
      }
      case "isolate":
        return new Isolate((String) f.get("target"));
      case "partition":
        return new Partition((List<List<String>>) f.get("groups"));
      case "degrade": {
        List<String> pair = (List<String>) f.get("link");
        return new Degrade(pair.get(0), pair.get(1), asLong(f.get("latency_ms")), asLong(f.get("jitter_ms")),
            f.get("loss") == null ? null : ((Number) f.get("loss")).doubleValue());
      }
      default:
        return null;
    }
  }

  private static Long asLong(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** All nodes a fault names (none for heal all), for validation and for drawing fault bands. */
  static List<String> nodesOf(NetworkFault fault) {
    List<String> nodes = new ArrayList<>();
    if (fault instanceof Cut c) {
      nodes.add(c.from());
      nodes.add(c.to());
    } else if (fault instanceof Heal h) {
      nodes.add(h.a());
      nodes.add(h.b());
    } else if (fault instanceof HealChannel h) {
      nodes.add(h.a());
      nodes.add(h.b());
    } else if (fault instanceof Isolate i) {
      nodes.add(i.node());
    } else if (fault instanceof Partition p) {
      p.groups().forEach(nodes::addAll);
    } else if (fault instanceof Degrade d) {
      nodes.add(d.a());
      nodes.add(d.b());
    }
    return nodes;
  }
}
