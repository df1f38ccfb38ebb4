package dev.hasim.report.html;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Space-time diagrams of the messages around each fault: a lifeline per node, time flowing down, an arrow per
 * message from its send to its arrival, dropped messages as red dashed stubs ending in a cross. The trace
 * records messages only in a window around each scenario event (one detection period before, three after).
 */
final class SequenceDiagrams {
  static final int MAX_DIAGRAMS = 12;
  static final int MAX_LIFELINES = 10;
  static final double LIFELINE_GAP = 150;
  static final double HEIGHT = 420;
  static final double TOP = 40;

  private SequenceDiagrams() {}

  static String render(RunResult r, List<String> nodeOrder) {
    long detection = r.scenario().effectiveSettleMs() / 2;
    StringBuilder html = new StringBuilder();
    int drawn = 0;
    for (TraceEvent fault : r.events()) {
      if (!fault.is(EventKind.FAULT) || drawn >= MAX_DIAGRAMS) {
        continue;
      }
      long from = Math.max(0, fault.tMs() - detection);
      long to = Math.min(r.scenario().durationMs(), fault.tMs() + 3 * detection);
      List<TraceEvent> messages = r.events().stream()
          .filter(e -> e.is(EventKind.MESSAGE) && e.number("sent_ms") >= from && e.tMs() <= to)
          .filter(e -> touches(fault, e)).toList();
      if (messages.isEmpty()) {
        continue;
      }
      drawn++;
      html.append("<h3>").append(Svg.escape(Narrative.time(fault.tMs()) + " — " + Convergence.label(fault)))
          .append("</h3>\n").append(diagram(fault, messages, nodeOrder, from, to));
    }
    return html.toString();
  }

  private static boolean touches(TraceEvent fault, TraceEvent message) {
    Set<String> involved = new LinkedHashSet<>();
    fault.fields().values().forEach(v -> collect(v, involved));
    involved.add(fault.node());
    return fault.node().equals(TraceEvent.NETWORK) && "all".equals(fault.string("link"))
        || involved.contains(message.node()) || involved.contains(message.string("to"));
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
    Svg svg = new Svg();
    svg.open("svg", "class", "sequence", "xmlns", "http://www.w3.org/2000/svg", "width", Svg.num(width),
        "height", Svg.num(TOP + HEIGHT + 20), "data-from-ms", from, "data-to-ms", to);
    svg.raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
        + "markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>");
    for (int i = 0; i < lifelines.size(); i++) {
      double x = x(i);
      svg.text("text", lifelines.get(i), "class", "lane-label", "x", x, "y", TOP - 14, "text-anchor", "middle");
      svg.element("line", "class", "lifeline", "x1", x, "x2", x, "y1", TOP - 6, "y2", TOP + HEIGHT);
    }
    double faultY = y(fault.tMs(), from, to);
    svg.element("line", "class", "fault-line", "data-t-ms", fault.tMs(), "x1", 20, "x2", width - 10, "y1", faultY,
        "y2", faultY, "title", Narrative.time(fault.tMs()) + " " + Convergence.label(fault));
    svg.text("text", Narrative.time(fault.tMs()), "class", "tick-label", "x", 4, "y", faultY - 3);
    for (TraceEvent m : messages) {
      int a = lifelines.indexOf(m.node());
      int b = lifelines.indexOf(m.string("to"));
      if (a < 0 || b < 0) {
        continue;
      }
      double y1 = y(m.number("sent_ms"), from, to);
      double y2 = y(m.tMs(), from, to);
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
        svg.element("line", "class", "msg", "data-t-ms", m.number("sent_ms"), "x1", x(a), "y1", y1, "x2", x(b),
            "y2", Math.max(y2, y1 + 2), "marker-end", "url(#arrow)", "title", title);
      }
    }
    svg.text("text", Narrative.time(from), "class", "tick-label", "x", 4, "y", TOP + 4);
    svg.text("text", Narrative.time(to), "class", "tick-label", "x", 4, "y", TOP + HEIGHT);
    svg.close("svg");
    return svg.toString();
  }

  private static double x(int lifeline) {
    return 80 + lifeline * LIFELINE_GAP;
  }

  private static double y(long tMs, long from, long to) {
    return TOP + (double) (tMs - from) / Math.max(1, to - from) * HEIGHT;
  }
}
