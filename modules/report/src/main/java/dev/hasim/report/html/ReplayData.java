package dev.hasim.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The replay's data, derived from the trace and nothing else: the events as they are, plus what the page cannot
 * work out alone without the kernel's rules — each drawn link's state after every network fault (rebuilt by
 * {@link WorldState}, as the invariants see it) and which invariants are breached after each instant. Fed
 * instant by instant, so a report hands it the whole trace and a live run (hasim play) each new slice.
 *
 * <p>Events travel as {@code [t_ms, node index (-1: the network), kind, fields]}.
 */
public final class ReplayData {
  /** A group larger than this draws a ring of links, not every pair. */
  static final int FULL_MESH_UP_TO = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scenario scenario;
  private final Palette palette;
  private final Vocabulary vocabulary;
  private final List<String> nodes = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, List<String>> groups;
  private final List<int[]> links = new ArrayList<>();
  private final String[] linkState;
  private final WorldState world;
  private final LinkTable initial;
  private final List<Invariant> invariants;
  private String lastBreaches = "[]";
  private final Set<String> labels = new TreeSet<>();
  /** Channels named by cut events so far (an MGC pair's link1, link2): a link with one of them cut is "partial". */
  private final Set<String> channels = new TreeSet<>();

  public ReplayData(Scenario scenario, Map<String, List<String>> groups) {
    this.scenario = scenario;
    this.palette = new Palette(scenario.vocabulary());
    this.vocabulary = scenario.vocabulary();
    this.groups = groups;
    groups.values().forEach(g -> g.forEach(n -> {
      if (!index.containsKey(n)) {
        index.put(n, nodes.size());
        nodes.add(n);
      }
    }));
    for (String n : scenario.nodeNames()) {
      if (!index.containsKey(n)) {
        index.put(n, nodes.size());
        nodes.add(n);
      }
    }
    for (List<String> group : groups.values()) {
      if (group.size() <= FULL_MESH_UP_TO) {
        for (int i = 0; i < group.size(); i++) {
          for (int j = i + 1; j < group.size(); j++) {
            links.add(new int[] {index.get(group.get(i)), index.get(group.get(j))});
          }
        }
      } else {
        for (int i = 0; i < group.size(); i++) {
          links.add(new int[] {index.get(group.get(i)), index.get(group.get((i + 1) % group.size()))});
        }
      }
    }
    this.linkState = new String[links.size()];
    java.util.Arrays.fill(linkState, "ok");
    this.initial = scenario.linkTable();
    this.world = new WorldState(scenario.nodeNames(), scenario.linkTable());
    this.invariants = scenario.invariants();
  }

  /** What does not change during a run: nodes, groups, links, invariants, notes, timed expectations. */
  public Map<String, Object> header() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("name", scenario.name());
    h.put("durationMs", scenario.durationMs());
    h.put("detectionMs", scenario.effectiveSettleMs() / 2);
    h.put("nodes", nodes);
    List<Map<String, Object>> gs = new ArrayList<>();
    groups.forEach((name, members) -> {
      // Ordered: Map.of iterates in an order that differs from one JVM to the next, and so would the page.
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", name);
      group.put("nodes", members.stream().map(index::get).toList());
      gs.add(group);
    });
    h.put("groups", gs);
    h.put("links", links);
    h.put("invariants", invariants.stream().map(Invariant::name).toList());
    h.put("alarming", List.copyOf(scenario.vocabulary().abnormal().keySet()));
    h.put("hostColors", java.util.stream.IntStream.range(0, nodes.size()).mapToObj(Palette::ofIndex).toList());
    List<List<Object>> notes = new ArrayList<>();
    for (Scenario.TimedAction event : scenario.events()) {
      if (event.note() != null) {
        notes.add(List.of(event.atMs(), event.note()));
      }
    }
    h.put("notes", notes);
    return h;
  }

  /** The header plus the whole run: the static report's data. */
  public static String forReport(RunResult r, Map<String, List<String>> groups) {
    ReplayData data = new ReplayData(r.scenario(), groups);
    Map<String, Object> all = data.header();
    Map<String, Object> delta = data.add(r.events());
    all.putAll(delta);
    List<Map<String, Object>> expectations = new ArrayList<>();
    List<Expectation> declared = r.scenario().expectations();
    for (int i = 0; i < r.expectations().size(); i++) {
      RunResult.ExpectationResult e = r.expectations().get(i);
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("text", e.expect());
      x.put("at", i < declared.size() ? declared.get(i).atMs() : null);
      x.put("ok", e.ok());
      x.put("detail", e.detail());
      expectations.add(x);
    }
    all.put("expectations", expectations);
    all.put("live", false);
    return json(all);
  }

  /**
   * Takes the next events (whole instants) and returns what they add: {@code events}, {@code linkStates}
   * ({@code [t, link, state]}: ok, cut, ab (only a→b cut), ba, partial (one of several
   * parallel channels cut), degraded) and {@code breaches} ({@code [t,
   * [[invariant, subject, detail]…]]}, after every instant where the set changes), and the colours of new labels.
   */
  public Map<String, Object> add(List<TraceEvent> events) {
    List<Object> out = new ArrayList<>(events.size());
    List<Object> linkChanges = new ArrayList<>();
    List<Object> breachChanges = new ArrayList<>();
    Map<String, String> colors = new LinkedHashMap<>();
    int i = 0;
    while (i < events.size()) {
      long t = events.get(i).tMs();
      boolean changed = false;
      boolean network = false;
      while (i < events.size() && events.get(i).tMs() == t) {
        TraceEvent e = events.get(i++);
        world.apply(e);
        Integer node = index.get(e.node());
        out.add(List.of(e.tMs(), node == null ? -1 : node, e.kind(), compact(e)));
        switch (e.kind()) {
          case EventKind.FAULT -> {
            network = changed = true;
            if (e.string("channel") != null) {
              channels.add(e.string("channel"));
            }
          }
          // Roles, states, alarms, views and a model's own attributes change the world; its notices do not.
          case "message", "decision", "log", "warning", "notice", "node_error" -> { }
          default -> changed = changed || vocabulary.notice(e.kind()) == null;
        }
        if ((e.is(EventKind.ROLE) || e.is(EventKind.STATE)) && e.string("to") != null && labels.add(e.string("to"))) {
          colors.put(e.string("to"), palette.of(e.string("to")));
        }
      }
      if (network) {
        for (int l = 0; l < links.size(); l++) {
          String state = linkState(links.get(l));
          if (!state.equals(linkState[l])) {
            linkState[l] = state;
            linkChanges.add(List.of(t, l, state));
          }
        }
      }
      if (changed) {
        List<List<String>> breached = new ArrayList<>();
        for (Invariant invariant : invariants) {
          invariant.check(world, (subject, detail) -> breached.add(List.of(invariant.name(), subject, detail)));
        }
        String key = breached.toString();
        if (!key.equals(lastBreaches)) {
          lastBreaches = key;
          breachChanges.add(List.of(t, breached));
        }
      }
    }
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("events", out);
    delta.put("linkStates", linkChanges);
    delta.put("breaches", breachChanges);
    delta.put("colors", colors);
    return delta;
  }

  private String linkState(int[] link) {
    String a = nodes.get(link[0]);
    String b = nodes.get(link[1]);
    LinkTable now = world.links();
    boolean ab = now.connected(a, b);
    boolean ba = now.connected(b, a);
    if (!ab && !ba) {
      return "cut";
    }
    if (!ab) {
      return "ab";
    }
    if (!ba) {
      return "ba";
    }
    for (String channel : channels) {
      if (!now.connected(a, b, channel) || !now.connected(b, a, channel)) {
        return "partial";
      }
    }
    LinkOptions o = now.options(a, b);
    return o.equals(initial.options(a, b)) ? "ok" : "degraded";
  }

  /** The event's fields; a message's {@code to} as a node index, to keep big pages small. */
  private Map<String, Object> compact(TraceEvent e) {
    if (!e.is(EventKind.MESSAGE)) {
      return e.fields();
    }
    Map<String, Object> f = new LinkedHashMap<>(e.fields());
    Integer to = index.get(e.string("to"));
    f.put("to", to == null ? -1 : to);
    return f;
  }

  public static String json(Object value) {
    try {
      // Safe inside <script>: no "</script>" can close the element early.
      return JSON.writeValueAsString(value).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("replay data not serialisable", e);
    }
  }
}
