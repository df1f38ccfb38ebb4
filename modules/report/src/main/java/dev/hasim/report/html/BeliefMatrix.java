package dev.hasim.report.html;

import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who each node believes is Primary, and its own priority, over time — one row per node, coloured by the
 * Primary it follows. Split views show as rows of different colours at the same time; two Primaries in a
 * group are marked in red across the group. Drawn for every group whose nodes report a {@code primary} view
 * (CWM domains).
 */
final class BeliefMatrix {
  static final double ROW = 18;

  private BeliefMatrix() {}

  record Belief(long fromMs, long toMs, String role, String primary, Integer priority) {
    String label(String self) {
      if ("DOWN".equals(role)) {
        return "down";
      }
      if ("PRIMARY".equals(role)) {
        return "PRIMARY";
      }
      return (primary == null ? "?" : "→ " + primary) + (priority == null ? "" : " · S" + priority)
          + (primary != null && primary.equals(self) ? "" : "");
    }
  }

  static boolean applies(RunResult r) {
    return r.events().stream().anyMatch(e -> e.is(EventKind.VIEW) && "primary".equals(e.string("key")));
  }

  static String render(RunResult r, Map<String, List<String>> groups) {
    long duration = r.scenario().durationMs();
    TimeScale scale = new TimeScale(duration, Swimlanes.LABEL_WIDTH, Swimlanes.PLOT_WIDTH);
    Map<String, List<Belief>> beliefs = beliefs(r.events(), duration);
    List<String> hosts = new ArrayList<>();
    groups.values().forEach(hosts::addAll);
    StringBuilder html = new StringBuilder();
    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
      List<String> nodes = group.getValue().stream().filter(beliefs::containsKey).toList();
      if (nodes.isEmpty()) {
        continue;
      }
      double height = Swimlanes.AXIS_HEIGHT + nodes.size() * (ROW + 2) + 8;
      Svg svg = new Svg();
      List<Object> attrs = new ArrayList<>(List.of("class", "beliefs", "data-group", group.getKey(), "xmlns",
          "http://www.w3.org/2000/svg", "width", Svg.num(Swimlanes.LABEL_WIDTH + Swimlanes.PLOT_WIDTH + 20),
          "height", Svg.num(height)));
      attrs.addAll(List.of(scale.dataAttributes()));
      svg.open("svg", attrs.toArray());
      svg.text("text", group.getKey(), "class", "group", "x", 4, "y", 14);
      for (long[] split : splits(beliefs, nodes, duration)) {
        svg.element("rect", "class", "split", "data-t-ms", split[0], "data-t-end-ms", split[1],
            "x", scale.x(split[0]), "y", Swimlanes.AXIS_HEIGHT - 4,
            "width", Math.max(2, scale.x(split[1]) - scale.x(split[0])), "height", nodes.size() * (ROW + 2) + 4,
            "title", "several Primaries from " + Narrative.time(split[0]) + " to " + Narrative.time(split[1]));
      }
      double y = Swimlanes.AXIS_HEIGHT;
      for (String node : nodes) {
        svg.text("text", node, "class", "lane-label", "x", Swimlanes.LABEL_WIDTH - 6, "y", y + 13, "text-anchor", "end");
        for (Belief b : beliefs.get(node)) {
          String follows = "PRIMARY".equals(b.role()) ? node : b.primary();
          String colour = "DOWN".equals(b.role()) ? Palette.of("DOWN") : Palette.ofHost(follows, hosts);
          double width = scale.x(b.toMs()) - scale.x(b.fromMs());
          svg.element("rect", "class", "belief", "data-node", node, "data-t-ms", b.fromMs(), "data-t-end-ms", b.toMs(),
              "x", scale.x(b.fromMs()), "y", y, "width", Math.max(0.5, width), "height", ROW, "fill", colour,
              "title", node + " " + b.label(node) + " from " + Narrative.time(b.fromMs()) + " to "
                  + Narrative.time(b.toMs()));
          if (width > 70) {
            svg.text("text", b.label(node), "class", "bar-label", "data-t-ms", b.fromMs(), "x", scale.x(b.fromMs()) + 4,
                "y", y + 13);
          }
        }
        y += ROW + 2;
      }
      svg.close("svg");
      html.append(svg);
    }
    return html.toString();
  }

  static Map<String, List<Belief>> beliefs(List<TraceEvent> events, long durationMs) {
    Map<String, List<Belief>> beliefs = new LinkedHashMap<>();
    Map<String, Belief> open = new LinkedHashMap<>();
    for (TraceEvent e : events) {
      boolean view = e.is(EventKind.VIEW) && "primary".equals(e.string("key"));
      if (!(view || e.is(EventKind.ROLE) || e.is(EventKind.PRIORITY))) {
        continue;
      }
      Belief current = open.getOrDefault(e.node(), new Belief(0, 0, "DOWN", null, null));
      String role = e.is(EventKind.ROLE) ? e.string("to") : current.role();
      String primary = view ? e.string("value") : current.primary();
      Integer priority = e.is(EventKind.PRIORITY) ? (e.number("to") == null ? null : e.number("to").intValue())
          : current.priority();
      if (Objects.equals(role, current.role()) && Objects.equals(primary, current.primary())
          && Objects.equals(priority, current.priority())) {
        continue;
      }
      if (e.tMs() > current.fromMs()) {
        beliefs.computeIfAbsent(e.node(), n -> new ArrayList<>())
            .add(new Belief(current.fromMs(), e.tMs(), current.role(), current.primary(), current.priority()));
      }
      open.put(e.node(), new Belief(e.tMs(), 0, role, primary, priority));
    }
    open.forEach((node, b) -> {
      if (b.primary() != null || beliefs.containsKey(node)) {
        beliefs.computeIfAbsent(node, n -> new ArrayList<>())
            .add(new Belief(b.fromMs(), durationMs, b.role(), b.primary(), b.priority()));
      }
    });
    beliefs.keySet().removeIf(node -> beliefs.get(node).stream().allMatch(b -> b.primary() == null
        && !"PRIMARY".equals(b.role())));
    return beliefs;
  }

  /** Intervals during which more than one node of the group is PRIMARY. */
  private static List<long[]> splits(Map<String, List<Belief>> beliefs, List<String> nodes, long durationMs) {
    List<long[]> edges = new ArrayList<>();
    for (String node : nodes) {
      for (Belief b : beliefs.get(node)) {
        if ("PRIMARY".equals(b.role())) {
          edges.add(new long[] {b.fromMs(), +1});
          edges.add(new long[] {b.toMs(), -1});
        }
      }
    }
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<long[]> splits = new ArrayList<>();
    int count = 0;
    long start = -1;
    for (long[] edge : edges) {
      count += (int) edge[1];
      if (count > 1 && start < 0) {
        start = edge[0];
      } else if (count <= 1 && start >= 0) {
        if (edge[0] > start) {
          splits.add(new long[] {start, edge[0]});
        }
        start = -1;
      }
    }
    if (start >= 0) {
      splits.add(new long[] {start, durationMs});
    }
    return splits;
  }
}
