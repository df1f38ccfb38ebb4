package dev.hasim.scenario;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.net.NetworkFault;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.LifecycleAction;
import dev.hasim.scenario.action.NetworkAction;
import dev.hasim.scenario.expect.CoreExpectations;
import dev.hasim.scenario.expect.Expectation;
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
 * value of the right type, every node named exists, every time within the run. The first problem is
 * reported with its file, line and column.
 */
public final class ScenarioLoader {
  static final Set<String> TOP_KEYS =
      Set.of("name", "description", "seed", "duration", "network", "topology", "events", "expect", "convergence");
  static final Set<String> CORE_ACTIONS =
      Set.of("cut", "heal", "isolate", "partition", "degrade", "crash", "shutdown", "start", "restart");
  private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
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

  private Scenario read(YNode root) throws ScenarioException {
    YMap top = root.map("scenario").allowOnly(TOP_KEYS);
    YNode nameNode = top.require("name", "the scenario's name");
    String name = nameNode.string("name");
    if (!SCENARIO_NAME.matcher(name).matches()) {
      throw nameNode.error("name: expected letters, digits, '.', '_' or '-' (it names the report folder), found \""
          + name + "\"");
    }
    String description = top.has("description") ? top.get("description").text("description").strip() : "";
    long seed = top.has("seed") ? top.get("seed").integer("seed", Long.MIN_VALUE, Long.MAX_VALUE) : Scenario.DEFAULT_SEED;
    YNode durationNode = top.require("duration", "how long the run lasts, e.g. 60s");
    long durationMs = durationNode.durationMs("duration");
    if (durationMs <= 0) {
      throw durationNode.error("duration: expected a positive duration, found " + durationNode.describe());
    }

    List<ModelTopology> topologies = readTopology(top.require("topology", "a section per model, e.g. ipfe:"));
    List<NodeSpec> specs = new ArrayList<>();
    topologies.forEach(t -> specs.addAll(t.nodes()));
    Set<String> seen = new HashSet<>();
    for (NodeSpec spec : specs) {
      if (!seen.add(spec.name())) {
        throw top.get("topology").error("topology: node \"" + spec.name() + "\" is defined twice");
      }
      if (spec.startAtMs() != null && spec.startAtMs() > durationMs) {
        throw top.get("topology").error("topology: " + spec.name() + " starts at " + spec.startAtMs()
            + " ms, after the end of the run (" + durationMs + " ms)");
      }
    }
    NodeNames nodes = new NodeNames(specs.stream().map(NodeSpec::name).toList());

    LinkOptions network = LinkOptions.DEFAULT;
    Map<LinkTable.Link, LinkOptions> links = new LinkedHashMap<>();
    if (top.has("network")) {
      YMap net = top.get("network").map("network").allowOnly(Set.of("latency", "jitter", "loss", "links"));
      network = readLinkOptions(net, LinkOptions.DEFAULT, "network");
      if (net.has("links")) {
        for (YNode item : net.get("links").list("network.links")) {
          YMap link = item.map("network.links[]").allowOnly(Set.of("between", "latency", "jitter", "loss"));
          List<String> pair = readPair(link.require("between", "two node names"), "between", nodes);
          links.put(new LinkTable.Link(pair.get(0), pair.get(1)), readLinkOptions(link, network, "link"));
        }
      }
    }

    Long settleMs = null;
    if (top.has("convergence")) {
      YMap conv = top.get("convergence").map("convergence").allowOnly(Set.of("settle"));
      if (conv.has("settle")) {
        settleMs = conv.get("settle").durationMs("convergence.settle");
      }
    }

    List<Scenario.TimedAction> events = new ArrayList<>();
    if (top.has("events")) {
      List<YNode> items = top.get("events").list("events");
      if (items.size() > MAX_EVENTS) {
        throw top.get("events").error("events: more than " + MAX_EVENTS + " events");
      }
      for (YNode item : items) {
        events.add(readEvent(item, topologies, nodes, durationMs));
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
    List<Expectation> expectations = new ArrayList<>();
    if (top.has("expect")) {
      for (YNode item : top.get("expect").list("expect")) {
        expectations.add(readExpectation(item, topologies, nodes, durationMs, invariantNames));
      }
    }
    return new Scenario(root.file(), name, description, seed, durationMs, network, links, settleMs, topologies,
        List.copyOf(events), List.copyOf(expectations));
  }

  private List<ModelTopology> readTopology(YNode section) throws ScenarioException {
    YMap models = section.map("topology");
    if (models.size() == 0) {
      throw section.error("topology: expected at least one model section: " + String.join(", ", plugins.keySet()));
    }
    List<ModelTopology> topologies = new ArrayList<>();
    for (String key : models.keys()) {
      ModelPlugin plugin = plugins.get(key);
      if (plugin == null) {
        throw models.keyNode(key).error("topology: unknown model '" + key + "'; installed models: "
            + String.join(", ", plugins.keySet()));
      }
      topologies.add(plugin.readTopology(models.get(key)));
    }
    return topologies;
  }

  private static LinkOptions readLinkOptions(YMap m, LinkOptions base, String what) throws ScenarioException {
    Long latency = m.has("latency") ? m.get("latency").durationMs(what + ".latency") : null;
    Long jitter = m.has("jitter") ? m.get("jitter").durationMs(what + ".jitter") : null;
    Double loss = m.has("loss") ? m.get("loss").probability(what + ".loss") : null;
    return base.with(latency, jitter, loss);
  }

  private static List<String> readPair(YNode value, String what, NodeNames nodes) throws ScenarioException {
    List<String> pair = nodes.readAll(value, what);
    if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
      throw value.expected(what, "two different node names, like [A1, A2]");
    }
    return pair;
  }

  private Scenario.TimedAction readEvent(YNode item, List<ModelTopology> topologies, NodeNames nodes,
      long durationMs) throws ScenarioException {
    YMap m = item.map("events[]");
    YNode atNode = m.require("at", "when it happens, e.g. 10s");
    long atMs = atNode.durationMs("at");
    if (atMs > durationMs) {
      throw atNode.error("at: " + atMs + " ms is after the end of the run (duration " + durationMs + " ms)");
    }
    return new Scenario.TimedAction(atMs, readAction(item, m, topologies, nodes), item.render());
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
    List<String> actionKeys = m.keys().stream().filter(k -> !k.equals("at")).toList();
    Set<String> known = new TreeSet<>(CORE_ACTIONS);
    topologies.forEach(t -> known.addAll(t.actionKeys()));
    if (actionKeys.size() != 1) {
      throw item.error((m.has("at") ? "an event has 'at' and exactly one action (" : "expected exactly one action (")
          + String.join(", ", known) + "); found " + (actionKeys.isEmpty() ? "none" : String.join(", ", actionKeys)));
    }
    String key = actionKeys.get(0);
    YNode value = m.get(key);
    Action action;
    if (CORE_ACTIONS.contains(key)) {
      action = readCoreAction(key, value, nodes);
    } else {
      ModelTopology owner = topologies.stream().filter(t -> t.actionKeys().contains(key)).findFirst()
          .orElseThrow(() -> m.keyNode(key).error("unknown action '" + key + "'; expected one of "
              + String.join(", ", known)));
      action = owner.readAction(key, value, nodes);
    }
    return action;
  }

  static Action readCoreAction(String key, YNode value, NodeNames nodes) throws ScenarioException {
    switch (key) {
      case "cut": {
        if (value.isMap()) {
          YMap m = value.map("cut").allowOnly(Set.of("from", "to", "between", "link"));
          String channel = m.has("link") ? m.get("link").string("cut.link") : null;
          if (m.has("between")) {
            List<String> pair = readPair(m.get("between"), "cut.between", nodes);
            return new NetworkAction(new NetworkFault.Cut(pair.get(0), pair.get(1), false, channel));
          }
          String from = nodes.read(m.require("from", "the sending node (or between: [a, b])"), "cut.from");
          String to = nodes.read(m.require("to", "the receiving node"), "cut.to");
          if (from.equals(to)) {
            throw value.expected("cut", "two different nodes");
          }
          return new NetworkAction(new NetworkFault.Cut(from, to, true, channel));
        }
        List<String> pair = readPair(value, "cut", nodes);
        return new NetworkAction(new NetworkFault.Cut(pair.get(0), pair.get(1), false));
      }
      case "heal": {
        if (value.isScalar() && "all".equals(value.string("heal")) && !nodes.contains("all")) {
          return new NetworkAction(new NetworkFault.HealAll());
        }
        if (value.isMap()) {
          YMap m = value.map("heal").allowOnly(Set.of("between", "link"));
          List<String> pair = readPair(m.require("between", "the two nodes, e.g. [mgc-01, mgc-02]"), "heal.between",
              nodes);
          return new NetworkAction(m.has("link")
              ? new NetworkFault.HealChannel(pair.get(0), pair.get(1), m.get("link").string("heal.link"))
              : new NetworkFault.Heal(pair.get(0), pair.get(1)));
        }
        List<String> pair = readPair(value, "heal", nodes);
        return new NetworkAction(new NetworkFault.Heal(pair.get(0), pair.get(1)));
      }
      case "isolate":
        return new NetworkAction(new NetworkFault.Isolate(nodes.read(value, "isolate")));
      case "partition": {
        List<List<String>> groups = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (YNode group : value.list("partition")) {
          List<String> members = nodes.readAll(group, "partition group");
          for (String member : members) {
            if (!placed.add(member)) {
              throw group.error("partition: " + member + " is in two groups");
            }
          }
          groups.add(members);
        }
        if (groups.size() < 2) {
          throw value.expected("partition", "at least two groups, like [[A1], [A2]]");
        }
        return new NetworkAction(new NetworkFault.Partition(groups));
      }
      case "degrade": {
        YMap m = value.map("degrade").allowOnly(Set.of("link", "latency", "jitter", "loss"));
        List<String> pair = readPair(m.require("link", "two node names"), "degrade.link", nodes);
        Long latency = m.has("latency") ? m.get("latency").durationMs("degrade.latency") : null;
        Long jitter = m.has("jitter") ? m.get("jitter").durationMs("degrade.jitter") : null;
        Double loss = m.has("loss") ? m.get("loss").probability("degrade.loss") : null;
        if (latency == null && jitter == null && loss == null) {
          throw value.expected("degrade", "at least one of latency, jitter, loss");
        }
        return new NetworkAction(new NetworkFault.Degrade(pair.get(0), pair.get(1), latency, jitter, loss));
      }
      case "crash":
        return readLifecycle(value, LifecycleAction.Kind.CRASH, "restart_after", nodes);
      case "restart":
        return readLifecycle(value, LifecycleAction.Kind.RESTART, "down_for", nodes);
      case "shutdown":
        return new LifecycleAction(LifecycleAction.Kind.SHUTDOWN, nodes.read(value, "shutdown"), null);
      case "start":
        return new LifecycleAction(LifecycleAction.Kind.START, nodes.read(value, "start"), null);
      default:
        throw value.error("unknown action '" + key + "'");
    }
  }

  private static Action readLifecycle(YNode value, LifecycleAction.Kind kind, String againKey, NodeNames nodes)
      throws ScenarioException {
    if (value.isMap()) {
      YMap m = value.map(kind.key).allowOnly(Set.of("node", againKey));
      String node = nodes.read(m.require("node", "a node name"), kind.key + ".node");
      Long again = m.has(againKey) ? m.get(againKey).durationMs(kind.key + "." + againKey) : null;
      return new LifecycleAction(kind, node, again);
    }
    return new LifecycleAction(kind, nodes.read(value, kind.key), null);
  }

  private Expectation readExpectation(YNode item, List<ModelTopology> topologies, NodeNames nodes, long durationMs,
      Set<String> invariantNames) throws ScenarioException {
    YMap m = item.map("expect[]");
    Long atMs = null;
    if (m.has("at")) {
      atMs = m.get("at").durationMs("at");
      if (atMs > durationMs) {
        throw m.get("at").error("at: " + atMs + " ms is after the end of the run (duration " + durationMs + " ms)");
      }
    }
    List<String> keys = m.keys().stream().filter(k -> !k.equals("at")).toList();
    Set<String> known = new TreeSet<>(CoreExpectations.AT_KEYS);
    known.addAll(CoreExpectations.RUN_KEYS);
    topologies.forEach(t -> known.addAll(t.expectationKeys()));
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
