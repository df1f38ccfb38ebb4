package dev.hasim.report.html;

import dev.hasim.kernel.check.Convergence;
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
 * One lane per node over virtual time, grouped by DSR, domain or pair: bars coloured by role and state,
 * fault bands across the lanes a fault touches, alarm raise and clear markers, and below the lanes one bracket
 * per fault from its injection to the moment the system settled, with the time it took.
 */
final class Swimlanes {
  static final double LABEL_WIDTH = 170;
  static final double PLOT_WIDTH = 1000;
  static final double LANE_HEIGHT = 18;
  static final double LANE_GAP = 4;
  static final double GROUP_HEADER = 20;
  static final double AXIS_HEIGHT = 28;
  static final double CONVERGENCE_ROW = 16;
  /** A generous width of one character of a 11–12 px label, to keep labels inside the plot. */
  static final double LABEL_CHAR_PX = 6.5;
  /** Beyond this many nodes the rest are listed, not drawn. */
  static final int MAX_LANES = 200;
  static final int MAX_CONVERGENCE_ROWS = 30;

  record Segment(long fromMs, long toMs, String role, String state, Integer priority) {
    String label() {
      // The state is always named (an MGC host's POM states PEER_WAIT, XFER_WAIT … under its ACTIVE role); the
      // colour marks only the alarming ones.
      String base = state == null || state.equals(role) ? role : role + " · " + state;
      return priority == null ? base : base + " · S" + priority;
    }

    String colour() {
      return state != null && Palette.ALARMING_STATES.contains(state) ? Palette.of(state) : Palette.of(role);
    }
  }

  record Band(String node, long fromMs, long toMs, String action, String label) {}

  private Swimlanes() {}

  static String render(RunResult r, Map<String, List<String>> allGroups) {
    Map<String, List<String>> groups = eventfulFirst(allGroups, r.events());
    long duration = r.scenario().durationMs();
    TimeScale scale = new TimeScale(duration, LABEL_WIDTH, PLOT_WIDTH);
    Map<String, List<Segment>> segments = segments(r.events(), duration);
    List<Band> bands = bands(r.events(), duration);

    Map<String, Double> laneY = new LinkedHashMap<>();
    List<String[]> headers = new ArrayList<>();
    double y = AXIS_HEIGHT;
    int drawn = 0;
    int hidden = 0;
    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
      if (drawn >= MAX_LANES) {
        hidden += group.getValue().size();
        continue;
      }
      headers.add(new String[] {group.getKey(), Svg.num(y)});
      y += GROUP_HEADER;
      for (String node : group.getValue()) {
        if (drawn++ >= MAX_LANES) {
          hidden++;
          continue;
        }
        laneY.put(node, y);
        y += LANE_HEIGHT + LANE_GAP;
      }
    }
    List<Convergence.Result> brackets = r.convergence().stream().limit(MAX_CONVERGENCE_ROWS).toList();
    double convergenceTop = y + 6;
    double height = convergenceTop + brackets.size() * CONVERGENCE_ROW + 10;

    Svg svg = new Svg();
    List<Object> attrs = new ArrayList<>(List.of("class", "swimlanes", "xmlns", "http://www.w3.org/2000/svg",
        "width", Svg.num(LABEL_WIDTH + PLOT_WIDTH + 20), "height", Svg.num(height)));
    attrs.addAll(List.of(scale.dataAttributes()));
    svg.open("svg", attrs.toArray());
    axis(svg, scale, height);
    for (String[] header : headers) {
      svg.text("text", header[0], "class", "group", "x", 4, "y", Double.parseDouble(header[1]) + 14);
    }
    for (Map.Entry<String, Double> lane : laneY.entrySet()) {
      String node = lane.getKey();
      double top = lane.getValue();
      svg.open("g", "class", "lane", "data-node", node);
      svg.text("text", node, "class", "lane-label", "x", LABEL_WIDTH - 6, "y", top + 13, "text-anchor", "end");
      for (Segment s : segments.getOrDefault(node, List.of())) {
        svg.element("rect", "class", "bar", "data-t-ms", s.fromMs(), "data-t-end-ms", s.toMs(),
            "x", scale.x(s.fromMs()), "y", top, "width", Math.max(0.5, scale.x(s.toMs()) - scale.x(s.fromMs())),
            "height", LANE_HEIGHT, "fill", s.colour(),
            "title", node + ": " + s.label() + " from " + Narrative.time(s.fromMs()) + " to " + Narrative.time(s.toMs()));
        double width = scale.x(s.toMs()) - scale.x(s.fromMs());
        // The full label where it fits, else the role alone; the tooltip always has the full label.
        String label = width > 8 + LABEL_CHAR_PX * s.label().length() ? s.label() : s.role();
        if (width > 60 && width > 8 + LABEL_CHAR_PX * label.length()) {
          svg.text("text", label, "class", "bar-label", "data-t-ms", s.fromMs(), "x", scale.x(s.fromMs()) + 4,
              "y", top + 13);
        }
      }
      svg.close("g");
    }
    for (Band band : bands) {
      Double top = laneY.get(band.node());
      if (top == null) {
        continue;
      }
      svg.element("rect", "class", "fault-band", "data-node", band.node(), "data-action", band.action(),
          "data-t-ms", band.fromMs(), "data-t-end-ms", band.toMs(), "x", scale.x(band.fromMs()), "y", top - 2,
          "width", Math.max(2, scale.x(band.toMs()) - scale.x(band.fromMs())), "height", LANE_HEIGHT + 4,
          "title", band.label());
    }
    for (TraceEvent e : r.events()) {
      Double top = laneY.get(e.node());
      if (top == null) {
        continue;
      }
      if (e.is(EventKind.ALARM_RAISED) || e.is(EventKind.ALARM_CLEARED)) {
        boolean raised = e.is(EventKind.ALARM_RAISED);
        svg.element("circle", "class", raised ? "alarm-raised" : "alarm-cleared", "data-node", e.node(),
            "data-t-ms", e.tMs(), "cx", scale.x(e.tMs()), "cy", top + LANE_HEIGHT / 2, "r", 4.5,
            "title", e.node() + (raised ? " raises" : " clears") + " alarm " + e.string("code") + " at "
                + Narrative.time(e.tMs()) + (e.string("rule") == null ? "" : " (" + e.string("rule") + ")"));
      } else if (e.is(EventKind.DECISION)) {
        svg.element("line", "class", "decision", "data-node", e.node(), "data-t-ms", e.tMs(), "x1", scale.x(e.tMs()),
            "x2", scale.x(e.tMs()), "y1", top + LANE_HEIGHT - 5, "y2", top + LANE_HEIGHT,
            "title", Narrative.time(e.tMs()) + " " + e.node() + " (" + e.string("rule") + "): " + e.string("why"));
      }
    }
    double row = convergenceTop;
    for (Convergence.Result c : brackets) {
      long end = c.convergedMs() != null ? c.convergedMs() : c.interrupted() ? c.nextFaultMs() : duration;
      String text = c.convergedMs() != null ? (c.convergedMs() - c.injectedMs()) + " ms"
          : c.interrupted() ? "interrupted by the next fault"
          : c.stableSinceMs() != null ? "stable since " + Narrative.time(c.stableSinceMs()) + " (run ended)"
          : "never settled";
      svg.element("line", "class", c.convergedMs() == null ? "convergence never" : "convergence",
          "data-t-ms", c.injectedMs(), "data-t-end-ms", end, "x1", scale.x(c.injectedMs()), "x2", scale.x(end),
          "y1", row + 8, "y2", row + 8,
          "title", c.fault() + ": injected " + Narrative.time(c.injectedMs()) + ", settled "
              + (c.convergedMs() != null ? Narrative.time(c.convergedMs())
                  : c.interrupted() ? "never: interrupted by the next fault at " + Narrative.time(c.nextFaultMs())
                  : "never"));
      // A label that would run past the right edge (e.g. "never settled" at the end of the run) is drawn to the
      // left of its bracket's end instead, so that it is never cut.
      boolean fits = scale.x(end) + 4 + LABEL_CHAR_PX * text.length() <= scale.x(duration);
      svg.text("text", text, "class", "convergence-label", "data-t-ms", end, "x",
          fits ? scale.x(end) + 4 : scale.x(end) - 4, "y", row + 12, "text-anchor", fits ? "start" : "end");
      row += CONVERGENCE_ROW;
    }
    if (hidden > 0) {
      svg.text("text", hidden + " more nodes not drawn", "class", "group", "x", 4, "y", height - 2);
    }
    svg.close("svg");
    return svg.toString();
  }

  /**
   * When there are more nodes than lanes, the groups in which something happened (a fault, an alarm, a role
   * change after start-up) come first, so a 1,000-node report still shows its faults.
   */
  static Map<String, List<String>> eventfulFirst(Map<String, List<String>> groups, List<TraceEvent> events) {
    int nodes = groups.values().stream().mapToInt(List::size).sum();
    if (nodes <= MAX_LANES) {
      return groups;
    }
    java.util.Set<String> eventful = new java.util.HashSet<>();
    for (TraceEvent e : events) {
      if (e.is(EventKind.FAULT) || e.is(EventKind.ALARM_RAISED)) {
        eventful.add(e.node());
        e.fields().values().forEach(v -> {
          if (v instanceof String s) {
            eventful.add(s);
          } else if (v instanceof List<?> list) {
            list.forEach(x -> eventful.add(String.valueOf(x)));
          }
        });
      }
    }
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    groups.forEach((name, members) -> {
      if (members.stream().anyMatch(eventful::contains)) {
        ordered.put(name, members);
      }
    });
    groups.forEach(ordered::putIfAbsent);
    return ordered;
  }

  private static void axis(Svg svg, TimeScale scale, double height) {
    long tick = scale.tickMs();
    for (long t = 0; t <= scale.durationMs(); t += tick) {
      double x = scale.x(t);
      svg.element("line", "class", "tick", "data-t-ms", t, "x1", x, "x2", x, "y1", AXIS_HEIGHT - 6, "y2", height);
      svg.text("text", Narrative.time(t).replace(".000 s", " s"), "class", "tick-label", "data-t-ms", t, "x", x,
          "y", AXIS_HEIGHT - 10, "text-anchor", "middle");
    }
  }

  /** Constant role/state/priority stretches per node, from the trace. */
  static Map<String, List<Segment>> segments(List<TraceEvent> events, long durationMs) {
    Map<String, List<Segment>> segments = new LinkedHashMap<>();
    Map<String, Segment> open = new LinkedHashMap<>();
    for (TraceEvent e : events) {
      if (!(e.is(EventKind.ROLE) || e.is(EventKind.STATE) || e.is(EventKind.PRIORITY))) {
        continue;
      }
      Segment current = open.getOrDefault(e.node(), new Segment(0, 0, "DOWN", null, null));
      String role = e.is(EventKind.ROLE) ? e.string("to") : current.role();
      String state = e.is(EventKind.STATE) ? e.string("to") : current.state();
      Integer priority = e.is(EventKind.PRIORITY) ? (e.number("to") == null ? null : e.number("to").intValue())
          : current.priority();
      if (Objects.equals(role, current.role()) && Objects.equals(state, current.state())
          && Objects.equals(priority, current.priority())) {
        continue;
      }
      if (e.tMs() > current.fromMs()) {
        segments.computeIfAbsent(e.node(), n -> new ArrayList<>())
            .add(new Segment(current.fromMs(), e.tMs(), current.role(), current.state(), current.priority()));
      }
      open.put(e.node(), new Segment(e.tMs(), 0, role, state, priority));
    }
    open.forEach((node, s) -> segments.computeIfAbsent(node, n -> new ArrayList<>())
        .add(new Segment(s.fromMs(), durationMs, s.role(), s.state(), s.priority())));
    return segments;
  }

  /** Fault bands: from the fault until what undoes it (heal, the node's return), or the end of the run. */
  static List<Band> bands(List<TraceEvent> events, long durationMs) {
    List<Band> bands = new ArrayList<>();
    List<Band> open = new ArrayList<>();
    for (TraceEvent e : events) {
      if (e.is(EventKind.ROLE) && !"DOWN".equals(e.string("to"))) {
        close(open, bands, e.tMs(), b -> b.node().equals(e.node()) && isDownAction(b.action()));
        continue;
      }
      if (!e.is(EventKind.FAULT)) {
        continue;
      }
      String action = String.valueOf(e.fields().get("action"));
      String label = Narrative.time(e.tMs()) + " " + Convergence.label(e);
      switch (action) {
        case "cut" -> {
          open.add(new Band(e.string("from"), e.tMs(), -1, action, label));
          open.add(new Band(e.string("to"), e.tMs(), -1, action, label));
        }
        case "degrade" -> {
          List<?> link = (List<?>) e.fields().get("link");
          open.add(new Band(String.valueOf(link.get(0)), e.tMs(), -1, action, label));
          open.add(new Band(String.valueOf(link.get(1)), e.tMs(), -1, action, label));
        }
        case "isolate" -> open.add(new Band(e.string("target"), e.tMs(), -1, action, label));
        case "partition" -> {
          close(open, bands, e.tMs(), b -> b.action().equals("partition"));
          for (Object group : (List<?>) e.fields().get("groups")) {
            for (Object node : (List<?>) group) {
              open.add(new Band(String.valueOf(node), e.tMs(), -1, action, label));
            }
          }
        }
        case "heal" -> {
          Object link = e.fields().get("link");
          if (link instanceof List<?> pair) {
            close(open, bands, e.tMs(), b -> (b.action().equals("cut") || b.action().equals("degrade"))
                && (b.node().equals(pair.get(0)) || b.node().equals(pair.get(1))));
          } else {
            close(open, bands, e.tMs(), b -> !isDownAction(b.action()));
          }
        }
        default -> {
          if (isDownAction(action)) {
            open.add(new Band(e.node(), e.tMs(), -1, action, label));
          } else {
            bands.add(new Band(e.node(), e.tMs(), e.tMs(), action, label)); // an instant: signal, start, …
          }
        }
      }
    }
    close(open, bands, durationMs, b -> true);
    return bands;
  }

  private static boolean isDownAction(String action) {
    return action.equals("crash") || action.equals("shutdown") || action.equals("restart")
        || action.equals("watchdog_restart");
  }

  private static void close(List<Band> open, List<Band> closed, long atMs, java.util.function.Predicate<Band> which) {
    for (var it = open.iterator(); it.hasNext(); ) {
      Band b = it.next();
      if (which.test(b)) {
        closed.add(new Band(b.node(), b.fromMs(), atMs, b.action(), b.label()));
        it.remove();
      }
    }
  }
}
