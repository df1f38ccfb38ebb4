package dev.hasim.report.html;

import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who follows whom over time, as the model's vocabulary declares it ({@link Vocabulary.Belief}): one row per
 * node, coloured by the leader it follows, with its rank. Split views show as rows of different colours at
 * the same time; two leaders in a group are marked in red across the group. Drawn for every group whose nodes
 * report the belief view (CWM domains: whom each gateway takes for Primary, and its priority).
 */
final class BeliefMatrix {
  static final double ROW = 18;

  private BeliefMatrix() {}

  /** @param leader whom the node follows; {@code rank} its rank under that leader, or null */
  record Belief(long fromMs, long toMs, String role, String leader, Object rank) {
    String label(Vocabulary.Belief view, Vocabulary vocabulary) {
      if (NodeDirectory.DOWN.equals(role)) {
        return "down";
      }
      if (view.leaderRole().equals(role)) {
        return role;
      }
      Vocabulary.Attribute rankAttribute = view.rankKind() == null ? null : vocabulary.attribute(view.rankKind());
      String prefix = rankAttribute == null ? "" : rankAttribute.label();
      return (leader == null ? "?" : "→ " + leader) + (rank == null ? "" : " · " + prefix + rank);
    }
  }

  /** The model's belief view, when the run has one to draw. */
  static Vocabulary.Belief view(RunResult r) {
    Vocabulary.Belief view = r.scenario().vocabulary().belief();
    if (view == null || r.events().stream().noneMatch(e -> e.is(EventKind.VIEW)
        && view.viewKey().equals(e.string("key")))) {
      return null;
    }
    return view;
  }

  static String render(RunResult r, Map<String, List<String>> groups, Vocabulary.Belief view) {
    long duration = r.scenario().durationMs();
    Vocabulary vocabulary = r.scenario().vocabulary();
    TimeScale scale = new TimeScale(duration, Swimlanes.LABEL_WIDTH, Swimlanes.PLOT_WIDTH);
    Map<String, List<Belief>> beliefs = beliefs(r.events(), duration, view);
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
      for (long[] split : splits(beliefs, nodes, duration, view)) {
        svg.element("rect", "class", "split", "data-t-ms", split[0], "data-t-end-ms", split[1],
            "x", scale.x(split[0]), "y", Swimlanes.AXIS_HEIGHT - 4,
            "width", Math.max(2, scale.x(split[1]) - scale.x(split[0])), "height", nodes.size() * (ROW + 2) + 4,
            "title", "several " + view.leaderWord() + "s from " + Narrative.time(split[0]) + " to " + Narrative.time(split[1]));
      }
      double y = Swimlanes.AXIS_HEIGHT;
      for (String node : nodes) {
        svg.text("text", node, "class", "lane-label", "x", Swimlanes.LABEL_WIDTH - 6, "y", y + 13, "text-anchor", "end");
        for (Belief b : beliefs.get(node)) {
          String follows = view.leaderRole().equals(b.role()) ? node : b.leader();
          String colour = NodeDirectory.DOWN.equals(b.role()) ? Palette.DOWN_COLOUR : Palette.ofHost(follows, hosts);
          double width = scale.x(b.toMs()) - scale.x(b.fromMs());
          svg.element("rect", "class", "belief", "data-node", node, "data-t-ms", b.fromMs(), "data-t-end-ms", b.toMs(),
              "x", scale.x(b.fromMs()), "y", y, "width", Math.max(0.5, width), "height", ROW, "fill", colour,
              "title", node + " " + b.label(view, vocabulary) + " from " + Narrative.time(b.fromMs()) + " to "
                  + Narrative.time(b.toMs()));
          if (width > 70) {
            svg.text("text", b.label(view, vocabulary), "class", "bar-label", "data-t-ms", b.fromMs(), "x", scale.x(b.fromMs()) + 4,
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

  static Map<String, List<Belief>> beliefs(List<TraceEvent> events, long durationMs, Vocabulary.Belief view) {
    Map<String, List<Belief>> beliefs = new LinkedHashMap<>();
    Map<String, Belief> open = new LinkedHashMap<>();
    for (TraceEvent e : events) {
      boolean belief = e.is(EventKind.VIEW) && view.viewKey().equals(e.string("key"));
      boolean rank = e.kind().equals(view.rankKind()) && EventKind.isAttribute(e);
      if (!(belief || e.is(EventKind.ROLE) || rank)) {
        continue;
      }
      Belief current = open.getOrDefault(e.node(), new Belief(0, 0, NodeDirectory.DOWN, null, null));
      String role = e.is(EventKind.ROLE) ? e.string("to") : current.role();
      String leader = belief ? e.string("value") : current.leader();
      Object rankNow = rank ? e.fields().get("to") : current.rank();
      if (Objects.equals(role, current.role()) && Objects.equals(leader, current.leader())
          && Objects.equals(rankNow, current.rank())) {
        continue;
      }
      if (e.tMs() > current.fromMs()) {
        beliefs.computeIfAbsent(e.node(), n -> new ArrayList<>())
            .add(new Belief(current.fromMs(), e.tMs(), current.role(), current.leader(), current.rank()));
      }
      open.put(e.node(), new Belief(e.tMs(), 0, role, leader, rankNow));
    }
    open.forEach((node, b) -> {
      if (b.leader() != null || beliefs.containsKey(node)) {
        beliefs.computeIfAbsent(node, n -> new ArrayList<>())
            .add(new Belief(b.fromMs(), durationMs, b.role(), b.leader(), b.rank()));
      }
    });
    beliefs.keySet().removeIf(node -> beliefs.get(node).stream().allMatch(b -> b.leader() == null
        && !view.leaderRole().equals(b.role())));
    return beliefs;
  }

  /** Intervals during which more than one node of the group holds the leader's role. */
  private static List<long[]> splits(Map<String, List<Belief>> beliefs, List<String> nodes, long durationMs,
      Vocabulary.Belief view) {
    List<long[]> edges = new ArrayList<>();
    for (String node : nodes) {
      for (Belief b : beliefs.get(node)) {
        if (view.leaderRole().equals(b.role())) {
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
