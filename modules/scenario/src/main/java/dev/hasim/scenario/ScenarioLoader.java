package dev.hasim.scenario;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.CoreExpectations;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.expect.PropertyHolds;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.Property;
import dev.hasim.scenario.spi.ModelPlugin;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import dev.hasim.scenario.yaml.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a scenario file and checks everything that can be checked before a run: every key known, every
 * value of the right type, every node named exists, every time within the run. Every problem it can find is
 * reported in one pass, each with its file, line and column; times in messages are written as the file wrote
 * them.
 */
public final class ScenarioLoader {
  static final Set<String> TOP_KEYS =
      Set.of("name", "description", "seed", "duration", "network", "topology", "events", "expect", "convergence");
  static final Set<String> CORE_ACTIONS =
      Set.of("cut", "heal", "isolate", "partition", "degrade", "crash", "shutdown", "start", "restart");
  private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  /** The expectation naming one of the models' declared properties. */
  public static final String PROPERTY_KEY = "property";
  /** A bound on what one file may ask for. */
  static final int MAX_EVENTS = 100_000;

  private final Map<String, ModelPlugin> plugins = new TreeMap<>();

  public ScenarioLoader(Iterable<ModelPlugin> plugins) {
    plugins.forEach(p -> this.plugins.put(p.name(), p));
  }

  /** The models on the class path. */
  public static ScenarioLoader withInstalledModels() {
    return new ScenarioLoader(ServiceLoader.load(ModelPlugin.class));
  }

  public Map<String, ModelPlugin> plugins() {
    return plugins;
  }

  public Scenario load(Path file) throws ScenarioException {
    return read(YamlFile.read(file));
  }

  public Scenario parse(String fileName, String text) throws ScenarioException {
    return read(YamlFile.parse(fileName, text));
  }

  /** A step of reading that may fail on its own, without stopping the steps after it. */
  @FunctionalInterface
  private interface Step<T> {
    T read() throws ScenarioException;
  }

  /** Problems found so far: reading goes on past each, so that one pass reports them all. */
  private static final class Problems {
    final List<ScenarioException> found = new ArrayList<>();

    <T> T attempt(Step<T> step, T otherwise) {
      try {
        return step.read();
      } catch (ScenarioException e) {
        found.add(e);
        return otherwise;
      }
    }

    void add(ScenarioException e) {
      found.add(e);
    }
  }

  private Scenario read(YNode root) throws ScenarioException {
    YMap top = root.map("scenario");
    Problems problems = new Problems();
    problems.attempt(() -> top.allowOnly(TOP_KEYS), top);
    String name = problems.attempt(() -> {
      YNode nameNode = top.require("name", "the scenario's name");
      String value = nameNode.string("name");
      if (!SCENARIO_NAME.matcher(value).matches()) {
        throw nameNode.error("name: expected letters, digits, '.', '_' or '-' (it names the report folder), found \""
            + value + "\"");
      }
      return value;
    }, null);
    String description = problems.attempt(
        () -> top.has("description") ? top.get("description").text("description").strip() : "", "");
    long seed = problems.attempt(() -> top.has("seed")
        ? top.get("seed").integer("seed", Long.MIN_VALUE, Long.MAX_VALUE) : Scenario.DEFAULT_SEED, Scenario.DEFAULT_SEED);
    Long durationMs = problems.attempt(() -> {
      YNode durationNode = top.require("duration", "how long the run lasts, e.g. 60s");
      long value = durationNode.durationMs("duration");
      if (value <= 0) {
        throw durationNode.error("duration: expected a positive duration, found " + durationNode.describe());
      }
      return value;
    }, null);
    // Times after the end are checked only against a duration that could be read.
    Duration run = durationMs == null ? null : new Duration(durationMs, top.get("duration").written());

    List<ModelTopology> topologies = problems.attempt(
        () -> readTopology(top.require("topology", "a section per model, e.g. ipfe:"), problems), null);
    NodeNames nodes = null;
    if (topologies != null) {
      List<NodeSpec> specs = new ArrayList<>();
      topologies.forEach(t -> specs.addAll(t.nodes()));
      Set<String> seen = new HashSet<>();
      for (NodeSpec spec : specs) {
        if (!seen.add(spec.name())) {
          problems.add(top.get("topology").error("topology: node \"" + spec.name() + "\" is defined twice"));
        }
        if (run != null && spec.startAtMs() != null && spec.startAtMs() > run.ms()) {
          problems.add(top.get("topology").error("topology: " + spec.name() + " starts at "
              + YNode.durationText(spec.startAtMs()) + ", after the end of the run (duration: " + run.written() + ")"));
        }
      }
      nodes = new NodeNames(specs.stream().map(NodeSpec::name).toList());
    }

    LinkOptions network = LinkOptions.DEFAULT;
    Map<LinkTable.Link, LinkOptions> links = new LinkedHashMap<>();
    if (top.has("network")) {
      YMap net = problems.attempt(() -> top.get("network").map("network"), null);
      if (net != null) {
        problems.attempt(() -> net.allowOnly(Set.of("latency", "jitter", "loss", "links")), net);
        network = problems.attempt(() -> CoreActions.readLinkOptions(net, LinkOptions.DEFAULT, "network"), LinkOptions.DEFAULT);
        LinkOptions base = network;
        if (net.has("links") && nodes != null) {
          NodeNames known = nodes;
          for (YNode item : problems.attempt(() -> net.get("links").list("network.links"), List.<YNode>of())) {
            problems.attempt(() -> {
              YMap link = item.map("network.links[]").allowOnly(Set.of("between", "latency", "jitter", "loss"));
              List<String> pair = CoreActions.readPair(link.require("between", "two node names"), "between", known);
              links.put(new LinkTable.Link(pair.get(0), pair.get(1)), CoreActions.readLinkOptions(link, base, "link"));
              return null;
            }, null);
          }
        }
      }
    }

    Long settleMs = problems.attempt(() -> {
      if (!top.has("convergence")) {
        return null;
      }
      YMap conv = top.get("convergence").map("convergence").allowOnly(Set.of("settle"));
      return conv.has("settle") ? conv.get("settle").durationMs("convergence.settle") : null;
    }, null);

    List<Scenario.TimedAction> events = new ArrayList<>();
    List<Expectation> expectations = new ArrayList<>();
    if (topologies == null || nodes == null) {
      if (top.has("events") || top.has("expect")) {
        problems.add((top.has("events") ? top.keyNode("events") : top.keyNode("expect"))
            .error("events and expectations are checked once the topology is valid"));
      }
    } else {
      NodeNames known = nodes;
      if (top.has("events")) {
        List<YNode> items = problems.attempt(() -> top.get("events").list("events"), List.<YNode>of());
        if (items.size() > MAX_EVENTS) {
          problems.add(top.get("events").error("events: more than " + MAX_EVENTS + " events"));
        } else {
          for (YNode item : items) {
            problems.attempt(() -> events.add(readEvent(item, topologies, known, run)), false);
          }
        }
      }
      events.sort(Comparator.comparingLong(Scenario.TimedAction::atMs)); // stable: file order within an instant

      Set<String> invariantNames = new TreeSet<>();
      long worst = new LinkTable(network, links).worstDelayMs();
      for (ModelTopology t : topologies) {
        for (Invariant inv : t.invariants(worst)) {
          invariantNames.add(inv.name());
        }
      }
      if (top.has("expect")) {
        for (YNode item : problems.attempt(() -> top.get("expect").list("expect"), List.<YNode>of())) {
          problems.attempt(() -> expectations.add(new dev.hasim.scenario.expect.Located(
              readExpectation(item, topologies, known, run, invariantNames),
              item.file() + ":" + item.line() + ":" + item.column())), false);
        }
      }
    }
    if (!problems.found.isEmpty()) {
      throw ScenarioException.of(problems.found);
    }
    return new Scenario(root.file(), name, description, seed, durationMs, network, links, settleMs, topologies,
        List.copyOf(events), List.copyOf(expectations));
  }

  /** The run's duration, in milliseconds and as the file wrote it (for messages). */
  private record Duration(long ms, String written) {}

  private static ScenarioException afterTheEnd(YNode atNode, Duration run) {
    return atNode.error("at: " + atNode.written() + " is after the end of the run (duration: " + run.written() + ")");
  }

  private List<ModelTopology> readTopology(YNode section, Problems problems) throws ScenarioException {
    YMap models = section.map("topology");
    if (models.size() == 0) {
      throw section.error("topology: expected at least one model section: " + String.join(", ", plugins.keySet()));
    }
    List<ModelTopology> topologies = new ArrayList<>();
    boolean complete = true;
    for (String key : models.keys()) {
      ModelPlugin plugin = plugins.get(key);
      if (plugin == null) {
        problems.add(models.keyNode(key).error("topology: unknown model '" + key + "'; installed models: "
            + String.join(", ", plugins.keySet())));
        complete = false;
        continue;
      }
      ModelTopology topology = problems.attempt(() -> plugin.readTopology(models.get(key)), null);
      complete &= topology != null;
      if (topology != null) {
        topologies.add(topology);
      }
    }
    return complete ? topologies : null;
  }

  private Scenario.TimedAction readEvent(YNode item, List<ModelTopology> topologies, NodeNames nodes,
      Duration run) throws ScenarioException {
    YMap m = item.map("events[]");
    YNode atNode = m.require("at", "when it happens, e.g. 10s");
    long atMs = atNode.durationMs("at");
    if (run != null && atMs > run.ms()) {
      throw afterTheEnd(atNode, run);
    }
    String note = m.has("note") ? m.get("note").text("note").strip() : null;
    return new Scenario.TimedAction(atMs, readAction(item, m, topologies, nodes), item.render(), note);
  }

  /**
   * Reads one event written as a flow map, e.g. {@code {at: 12.5s, crash: CWM-A}}, against a scenario's nodes and
   * models: what a live run (hasim play) injects, checked exactly as the same line in a file would be. Its time
   * may lie beyond the scenario's duration (a live run goes on past it).
   */
  public Scenario.TimedAction readEvent(Scenario scenario, String text) throws ScenarioException {
    YNode root = YamlFile.parse("event", text);
    return readEvent(root, scenario.topologies(), new NodeNames(scenario.nodeNames()), null);
  }

  /**
   * Reads one action written as in a scenario's {@code events:} list, without its {@code at} — e.g.
   * {@code {cut: [A, B]}} or {@code {signal: {node: gw1, name: USR2}}} — against a loaded scenario's topology:
   * how tests built on the run API inject faults and operator actions with the same validation as a file.
   */
  public Action readAction(Scenario scenario, String fileName, String text) throws ScenarioException {
    YNode item = YamlFile.parse(fileName, text);
    YMap m = item.map("action");
    if (m.has("at")) {
      throw m.get("at").error("at: an action given to a running simulation happens now; leave 'at' out");
    }
    return readAction(item, m, scenario.topologies(), new NodeNames(scenario.nodeNames()));
  }

  private static Action readAction(YNode item, YMap m, List<ModelTopology> topologies, NodeNames nodes)
      throws ScenarioException {
    List<String> actionKeys = m.keys().stream().filter(k -> !k.equals("at") && !k.equals("note")).toList();
    Set<String> known = new TreeSet<>(CORE_ACTIONS);
    topologies.forEach(t -> known.addAll(t.actionKeys()));
    if (actionKeys.size() != 1) {
      throw item.error((m.has("at") ? "an event has 'at', exactly one action (" : "expected exactly one action (")
          + String.join(", ", known) + ")" + (m.has("at") ? " and optionally a 'note'" : "") + "; found "
          + (actionKeys.isEmpty() ? "none" : String.join(", ", actionKeys)));
    }
    String key = actionKeys.get(0);
    YNode value = m.get(key);
    Action action;
    if (CORE_ACTIONS.contains(key)) {
      action = CoreActions.readCoreAction(key, value, nodes);
    } else {
      ModelTopology owner = topologies.stream().filter(t -> t.actionKeys().contains(key)).findFirst()
          .orElseThrow(() -> m.keyNode(key).error("unknown action '" + key + "'; expected one of "
              + String.join(", ", known)));
      action = owner.readAction(key, value, nodes);
    }
    return action;
  }

  /** The models' declared properties by name (see {@link ModelTopology#exploration()}). */
  public static Map<String, Property> properties(List<ModelTopology> topologies) {
    Map<String, Property> properties = new TreeMap<>();
    for (ModelTopology t : topologies) {
      Exploration exploration = t.exploration();
      if (exploration != null) {
        exploration.properties().forEach(p -> properties.put(p.name(), p));
      }
    }
    return properties;
  }

  private static Expectation readProperty(YNode value, Long atMs, String text, Map<String, Property> properties,
      YMap item) throws ScenarioException {
    String name = value.string(PROPERTY_KEY);
    Property property = properties.get(name);
    if (property == null) {
      throw value.error(PROPERTY_KEY + ": unknown property \"" + name + "\"; this topology declares "
          + String.join(", ", properties.keySet()));
    }
    if (property.phase() == Property.Phase.SAFETY && atMs != null) {
      throw item.get("at").error(PROPERTY_KEY + ": " + name + " is a safety property, judged on the whole run; "
          + "remove 'at'");
    }
    return new PropertyHolds(text, atMs, property);
  }

  private Expectation readExpectation(YNode item, List<ModelTopology> topologies, NodeNames nodes, Duration run,
      Set<String> invariantNames) throws ScenarioException {
    YMap m = item.map("expect[]");
    Long atMs = null;
    if (m.has("at")) {
      atMs = m.get("at").durationMs("at");
      if (run != null && atMs > run.ms()) {
        throw afterTheEnd(m.get("at"), run);
      }
    }
    List<String> keys = m.keys().stream().filter(k -> !k.equals("at")).toList();
    Set<String> known = new TreeSet<>(CoreExpectations.AT_KEYS);
    known.addAll(CoreExpectations.RUN_KEYS);
    topologies.forEach(t -> known.addAll(t.expectationKeys()));
    Map<String, Property> properties = properties(topologies);
    if (!properties.isEmpty()) {
      known.add(PROPERTY_KEY);
    }
    if (keys.size() != 1) {
      throw item.error("an expectation has exactly one of " + String.join(", ", known) + " (and 'at' where it "
          + "needs a time); found " + (keys.isEmpty() ? "none" : String.join(", ", keys)));
    }
    String key = keys.get(0);
    YNode value = m.get(key);
    String text = item.render();
    if (CoreExpectations.AT_KEYS.contains(key) && atMs == null) {
      throw item.error(key + ": needs 'at', the time to check it, e.g. {at: 15s, " + key + ": …}");
    }
    if (CoreExpectations.RUN_KEYS.contains(key) && atMs != null) {
      throw m.get("at").error(key + ": is judged on the whole run; remove 'at'");
    }
    if (key.equals(PROPERTY_KEY) && !properties.isEmpty()) {
      return readProperty(value, atMs, text, properties, m);
    }
    if (known.contains(key) && (CoreExpectations.AT_KEYS.contains(key) || CoreExpectations.RUN_KEYS.contains(key))) {
      return CoreExpectations.read(key, value, atMs, text, nodes, invariantNames);
    }
    for (ModelTopology t : topologies) {
      if (t.expectationKeys().contains(key)) {
        return t.readExpectation(key, value, atMs, text, nodes);
      }
    }
    throw m.keyNode(key).error("unknown expectation '" + key + "'; expected one of " + String.join(", ", known));
  }
}
