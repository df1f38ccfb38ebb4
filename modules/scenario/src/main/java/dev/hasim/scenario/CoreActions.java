package dev.hasim.scenario;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.NetworkFault;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.LifecycleAction;
import dev.hasim.scenario.action.NetworkAction;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The kernel's own actions (cut, heal, isolate, partition, degrade, crash, shutdown, start, restart) read from YAML. */
final class CoreActions {
  private CoreActions() {}

  static LinkOptions readLinkOptions(YMap m, LinkOptions base, String what) throws ScenarioException {
    Long latency = m.has("latency") ? m.get("latency").durationMs(what + ".latency") : null;
    Long jitter = m.has("jitter") ? m.get("jitter").durationMs(what + ".jitter") : null;
    Double loss = m.has("loss") ? m.get("loss").probability(what + ".loss") : null;
    return base.with(latency, jitter, loss);
  }

  static List<String> readPair(YNode value, String what, NodeNames nodes) throws ScenarioException {
    List<String> pair = nodes.readAll(value, what);
    if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
      throw value.expected(what, "two different node names, like [A1, A2]");
    }
    return pair;
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
}
