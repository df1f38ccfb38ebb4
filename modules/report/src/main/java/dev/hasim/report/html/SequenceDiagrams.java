package dev.hasim.report.html;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.run.MessageWindows;
import dev.hasim.scenario.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Space-time diagrams of the messages around each fault: a lifeline per node, time flowing down, an arrow per
 * message from its send to its arrival, named by its type, dropped messages as red dashed stubs ending in a
 * cross. Every node of the faulted node's group is drawn (the reaction is the others' queries and
 * re-registrations); heartbeats, the background, collapse into one grey summary arrow per sender and receiver.
 * The trace records messages from each scenario event to four detection periods after it.
 */
final class SequenceDiagrams {
  static final int MAX_DIAGRAMS = 12;
  static final int MAX_LIFELINES = 10;
  static final double LIFELINE_GAP = 190;
  static final double HEIGHT = 420;
  static final double TOP = 40;

  private SequenceDiagrams() {}

  static final int MAX_LABELS = 120;

  static String render(RunResult r, List<String> nodeOrder) {
    return render(r, nodeOrder, ReportHtml.groups(r));
  }

  static String render(RunResult r, List<String> nodeOrder, java.util.Map<String, List<String>> groups) {
    long detection = r.scenario().effectiveSettleMs() / 2;
    StringBuilder html = new StringBuilder();
    int drawn = 0;
    for (TraceEvent fault : r.events()) {
      if (!fault.is(EventKind.FAULT) || drawn >= MAX_DIAGRAMS) {
        continue;
      }
      long from = fault.tMs();
      Set<String> involved = involved(fault, groups);
      List<TraceEvent> touching = r.events().stream()
          .filter(e -> e.is(EventKind.MESSAGE) && e.tMs() >= from && e.number("sent_ms") >= from)
          .filter(e -> involved == null || involved.contains(e.node()) || involved.contains(e.string("to"))).toList();
      // As the recorder does: four detection periods, and one more after each message that is not a heartbeat.
      long end = from + MessageWindows.PERIODS_AFTER * detection;
      for (TraceEvent m : touching) {
        if (m.tMs() <= end && !heartbeat(m.string("type"))) {
          end = Math.max(end, m.tMs() + detection);
        }
      }
      long to = Math.min(r.scenario().durationMs(), end);
      List<TraceEvent> messages = touching.stream().filter(e -> e.tMs() <= to).toList();
      if (messages.isEmpty()) {
        continue;
      }
      drawn++;
      html.append("<h3>").append(Svg.escape(Narrative.time(fault.tMs()) + " — " + Convergence.label(fault)))
          .append("</h3>\n").append(diagram(fault, messages, nodeOrder, from, to));
    }
    return html.toString();
  }

  /** The nodes a fault names and the rest of their groups; null: every node (a network-wide fault). */
  static Set<String> involved(TraceEvent fault, java.util.Map<String, List<String>> groups) {
    if (fault.node().equals(TraceEvent.NETWORK) && "all".equals(fault.string("link"))) {
      return null;
    }
    Set<String> named = new LinkedHashSet<>();
    fault.fields().values().forEach(v -> collect(v, named));
    named.add(fault.node());
    Set<String> involved = new LinkedHashSet<>(named);
    for (List<String> group : groups.values()) {
      if (group.stream().anyMatch(named::contains)) {
        involved.addAll(group);
      }
    }
    return involved;
  }

  static boolean heartbeat(String type) {
    return MessageWindows.isHeartbeat(type);
  }

  private static void collect(Object value, Set<String> into) {
    if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, into));
    } else if (value instanceof String s) {
      into.add(s);
    }
  }

  private static String diagram(TraceEvent fault, List<TraceEvent> messages, List<String> nodeOrder, long from,
      long to) {
    Set<String> present = new LinkedHashSet<>();
    messages.forEach(m -> {
      present.add(m.node());
      present.add(m.string("to"));
    });
    List<String> lifelines = new ArrayList<>(nodeOrder.stream().filter(present::contains).limit(MAX_LIFELINES).toList());
    double width = 80 + lifelines.size() * LIFELINE_GAP;
    // Dense reactions (an MGC transfer) get a taller diagram, up to five times the usual height.
    double height = Math.min(5 * HEIGHT, Math.max(HEIGHT, messages.size() * 5.0));
    Svg svg = new Svg();
    svg.open("svg", "class", "sequence", "xmlns", "http://www.w3.org/2000/svg", "width", Svg.num(width),
        "height", Svg.num(TOP + height + 20), "data-from-ms", from, "data-to-ms", to);
    svg.raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
        + "markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>");
    for (int i = 0; i < lifelines.size(); i++) {
      double x = x(i);
      svg.text("text", lifelines.get(i), "class", "lane-label", "x", x, "y", TOP - 14, "text-anchor", "middle");
      svg.element("line", "class", "lifeline", "x1", x, "x2", x, "y1", TOP - 6, "y2", TOP + height);
    }
    double faultY = y(fault.tMs(), from, to, height);
    svg.element("line", "class", "fault-line", "data-t-ms", fault.tMs(), "x1", 20, "x2", width - 10, "y1", faultY,
        "y2", faultY, "title", Narrative.time(fault.tMs()) + " " + Convergence.label(fault));
    svg.text("text", Narrative.time(fault.tMs()), "class", "tick-label", "x", 4, "y", faultY - 3);
    // Delivered heartbeats, the background: one summary arrow per sender and receiver, at the first, with their
    // count. Dropped ones are the fault's effect and stay drawn one by one.
    java.util.Map<String, int[]> beats = new java.util.LinkedHashMap<>();
    java.util.Map<String, TraceEvent> firstBeat = new java.util.HashMap<>();
    for (TraceEvent m : messages) {
      if (heartbeat(m.string("type")) && !"dropped".equals(m.string("fate"))) {
        String pair = m.node() + "\u0000" + m.string("to");
        int[] count = beats.computeIfAbsent(pair, k -> new int[2]);
        count[0]++;
        firstBeat.putIfAbsent(pair, m);
      }
    }
    for (var beat : beats.entrySet()) {
      TraceEvent m = firstBeat.get(beat.getKey());
      int a = lifelines.indexOf(m.node());
      int b = lifelines.indexOf(m.string("to"));
      if (a < 0 || b < 0) {
        continue;
      }
      int[] count = beat.getValue();
      double y1 = y(m.number("sent_ms"), from, to, height);
      String label = m.string("type") + " ×" + count[0];
      svg.element("line", "class", "msg heartbeat-summary", "data-t-ms", m.number("sent_ms"), "data-count", count[0],
          "x1", x(a), "y1", y1, "x2", x(b), "y2", y1 + 3, "marker-end", "url(#arrow)",
          "title", label + " " + m.node() + " → " + m.string("to") + " in this window (collapsed)");
      svg.text("text", label, "class", "msg-label heartbeat-label", "x", (x(a) + x(b)) / 2, "y", y1 - 3,
          "text-anchor", "middle");
    }
    int labels = 0;
    java.util.Map<String, Double> lastLabelY = new java.util.HashMap<>();
    for (TraceEvent m : messages) {
      int a = lifelines.indexOf(m.node());
      int b = lifelines.indexOf(m.string("to"));
      boolean dropped = "dropped".equals(m.string("fate"));
      if (a < 0 || b < 0 || heartbeat(m.string("type")) && !dropped) {
        continue;
      }
      double y1 = y(m.number("sent_ms"), from, to, height);
      double y2 = y(m.tMs(), from, to, height);
      String title = m.string("type") + " " + m.node() + " → " + m.string("to") + ", sent "
          + Narrative.time(m.number("sent_ms")) + ("dropped".equals(m.string("fate"))
              ? ", dropped: " + m.string("reason") : ", arrived " + Narrative.time(m.tMs()));
      if ("dropped".equals(m.string("fate"))) {
        double xEnd = (x(a) + x(b)) / 2;
        double yEnd = Math.max(y2, y1 + 8);
        svg.element("line", "class", "msg dropped", "data-t-ms", m.number("sent_ms"), "x1", x(a), "y1", y1,
            "x2", xEnd, "y2", yEnd, "title", title);
        svg.element("path", "class", "drop-cross", "d", "M " + Svg.num(xEnd - 4) + " " + Svg.num(yEnd - 4) + " L "
            + Svg.num(xEnd + 4) + " " + Svg.num(yEnd + 4) + " M " + Svg.num(xEnd - 4) + " " + Svg.num(yEnd + 4)
            + " L " + Svg.num(xEnd + 4) + " " + Svg.num(yEnd - 4));
      } else {
        svg.element("line", "class", "msg", "data-t-ms", m.number("sent_ms"), "data-type", m.string("type"),
            "x1", x(a), "y1", y1, "x2", x(b), "y2", Math.max(y2, y1 + 2), "marker-end", "url(#arrow)", "title", title);
      }
      double labelY = (y1 + Math.max(y2, y1 + 2)) / 2 - 2;
      String between = Math.min(a, b) + "-" + Math.max(a, b);
      // One name per 10 px between two lifelines: dense traffic keeps its first names readable, the rest in titles.
      if (!heartbeat(m.string("type")) && labels < MAX_LABELS
          && labelY - lastLabelY.getOrDefault(between, Double.NEGATIVE_INFINITY) >= 10) {
        labels++;
        lastLabelY.put(between, labelY);
        svg.text("text", m.string("type"), "class", "msg-label", "x", (x(a) + x(b)) / 2, "y", labelY,
            "text-anchor", "middle");
      }
    }
    svg.text("text", Narrative.time(from), "class", "tick-label", "x", 4, "y", TOP + 4);
    svg.text("text", Narrative.time(to), "class", "tick-label", "x", 4, "y", TOP + height);
    svg.close("svg");
    return svg.toString();
  }

  private static double x(int lifeline) {
    return 80 + lifeline * LIFELINE_GAP;
  }

  private static double y(long tMs, long from, long to, double height) {
    return TOP + (double) (tMs - from) / Math.max(1, to - from) * height;
  }
}
