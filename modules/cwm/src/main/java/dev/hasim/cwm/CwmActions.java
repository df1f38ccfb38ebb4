package dev.hasim.cwm;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.FileEdit;
import dev.hasim.scenario.action.RunContext;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scenario actions the CWM model adds: operator commands, signals and file edits. */
final class CwmActions {
  static final Set<String> KEYS = Set.of("signal", "conf", "force_primary", "watchdog_restart", "provision",
      "usertbl_sync", "usertbl_cmp", "network_provision", "configurator");
  static final Set<String> CONFIGURATOR_OPS = Set.of("start", "exit");
  static final Set<String> SIGNALS = Set.of("USR1", "USR2", "HUP");
  static final Set<String> OPS = Set.of("add", "modify", "delete");
  /** How long the watchdog takes to notice the dead process and start it again (Model). */
  static final long DEFAULT_WATCHDOG_DOWN_MS = 1000;

  private CwmActions() {}

  /**
   * @param confTexts each gateway's CWMGateway.conf as the scenario gives it (its disk before its first start)
   * @param confEdited told of every {@code conf} edit (host, line), so the checkers know the timing in use
   * @param domainOf each gateway's domain: the workstations managing the same network (CWM-12)
   */
  static Action read(String key, YNode value, NodeNames nodes, Map<String, String> confTexts,
      java.util.function.BiConsumer<String, String> confEdited, Map<String, List<String>> domainOf)
      throws ScenarioException {
    Set<String> cwmHosts = confTexts.keySet();
    switch (key) {
      case "signal": {
        YMap m = value.map("signal").allowOnly(Set.of("node", "name"));
        String node = host(m.require("node", "a CWM gateway"), "signal.node", nodes, cwmHosts);
        YNode nameNode = m.require("name", "USR2, HUP or USR1");
        String name = nameNode.string("signal.name");
        if (!SIGNALS.contains(name)) {
          throw nameNode.expected("signal.name", "USR2, HUP or USR1");
        }
        return command(node, RunContext.fields("action", "signal", "target", node, "name", name), new CwmGateway.Signal(name));
      }
      case "conf": {
        YMap m = value.map("conf").allowOnly(Set.of("node", "set"));
        String node = host(m.require("node", "a CWM gateway"), "conf.node", nodes, cwmHosts);
        YNode setNode = m.require("set", "one CWMGateway.conf line, e.g. \"ForcedSwitchOver cwmws3\"");
        String line = setNode.string("conf.set");
        try {
          CwmConf.lines(line);
        } catch (CwmConf.ConfException e) {
          throw setNode.error("conf.set: " + e.getMessage());
        }
        confEdited.accept(node, line);
        return new FileEdit(node, RunContext.fields("action", "conf", "target", node, "set", line),
            CwmConf.FILE, confTexts.get(node), text -> CwmConf.withLine(text, line));
      }
      case "force_primary": {
        String node = host(value, "force_primary", nodes, cwmHosts);
        return command(node, RunContext.fields("action", "force_primary", "target", node), CwmGateway.ForcePrimary.INSTANCE);
      }
      case "watchdog_restart": {
        String node;
        long downMs = DEFAULT_WATCHDOG_DOWN_MS;
        if (value.isMap()) {
          YMap m = value.map("watchdog_restart").allowOnly(Set.of("node", "down_for"));
          node = host(m.require("node", "a CWM gateway"), "watchdog_restart.node", nodes, cwmHosts);
          if (m.has("down_for")) {
            downMs = m.get("down_for").durationMs("watchdog_restart.down_for");
          }
        } else {
          node = host(value, "watchdog_restart", nodes, cwmHosts);
        }
        return watchdogRestart(node, downMs);
      }
      case "provision": {
        YMap m = value.map("provision").allowOnly(Set.of("node", "table", "key", "op"));
        String node = host(m.require("node", "a CWM gateway"), "provision.node", nodes, cwmHosts);
        YNode tableNode = m.require("table", "one of the 13 user tables, e.g. conn_template");
        String table = tableNode.string("provision.table");
        if (!UserTables.TABLES.contains(table)) {
          throw tableNode.expected("provision.table", "one of " + UserTables.TABLES + " (CWM-19)");
        }
        String element = m.require("key", "the element's key, e.g. tmpl-7").string("provision.key");
        String op = m.has("op") ? m.get("op").string("provision.op") : "add";
        if (!OPS.contains(op)) {
          throw m.get("op").expected("provision.op", "add, modify or delete");
        }
        return command(node, RunContext.fields("action", "provision", "target", node, "table", table, "key", element, "op", op),
            new CwmGateway.Provision(table, element, op));
      }
      case "usertbl_sync":
      case "usertbl_cmp": {
        String otherKey = key.equals("usertbl_sync") ? "from" : "with";
        YMap m = value.map(key).allowOnly(Set.of("node", otherKey));
        String node = host(m.require("node", "the local CWM gateway"), key + ".node", nodes, cwmHosts);
        String other = host(m.require(otherKey, "the remote CWM gateway"), key + "." + otherKey, nodes, cwmHosts);
        String script = key.equals("usertbl_sync") ? "usertblDBsync" : "usertblDBcmp";
        return command(node, RunContext.fields("action", key, "target", node, otherKey, other),
            new CwmGateway.UserTableScript(script, other));
      }
      case "network_provision": {
        YMap m = value.map("network_provision").allowOnly(Set.of("node", "object", "op"));
        String node = host(m.require("node", "the CWM gateway the user works on"), "network_provision.node", nodes,
            cwmHosts);
        String object = m.require("object", "the network object provisioned, e.g. port-3.1 (CWM-12)")
            .string("network_provision.object");
        String op = m.has("op") ? m.get("op").string("network_provision.op") : "add";
        if (!OPS.contains(op)) {
          throw m.get("op").expected("network_provision.op", "add, modify or delete");
        }
        return networkProvision(node, object, op, domainOf.get(node));
      }
      case "configurator": {
        YMap m = value.map("configurator").allowOnly(Set.of("node", "op"));
        String node = host(m.require("node", "the CWM gateway to run the Configurator on"), "configurator.node", nodes,
            cwmHosts);
        String op = m.has("op") ? m.get("op").string("configurator.op") : "start";
        if (!CONFIGURATOR_OPS.contains(op)) {
          throw m.get("op").expected("configurator.op", "start or exit");
        }
        return command(node, RunContext.fields("action", "configurator", "target", node, "op", op),
            new CwmGateway.ConfiguratorCommand(op));
      }
      default:
        throw value.error("unknown CWM action '" + key + "'");
    }
  }

  private static String host(YNode value, String what, NodeNames nodes, Set<String> cwmHosts)
      throws ScenarioException {
    return nodes.readOf(value, what, cwmHosts::contains, "a CWM gateway");
  }

  private static Action command(String node, Map<String, Object> fields, CwmGateway.Command message) {
    Map<String, Object> ordered = new java.util.LinkedHashMap<>();
    ordered.put("action", fields.get("action"));
    ordered.put("target", node);
    fields.forEach((k, v) -> ordered.putIfAbsent(k, v));
    return new dev.hasim.scenario.action.CommandAction(node, ordered, message);
  }

  /**
   * CWM-12: a user provisions network data on {@code node}. The change goes to the network, which hasim does
   * not model as nodes; the network reports it (the seed's Robust Trap or SNMP) to every other workstation of
   * the domain at the same instant, whatever the links between the gateways: network data never travels
   * through the Primary. A workstation that is down then finds it in its database when it starts again (its
   * network sync at start, CWM-21). Nothing happens if {@code node} itself is down.
   */
  private static Action networkProvision(String node, String object, String op, List<String> domain) {
    return new Action() {
      public String target() {
        return node;
      }

      public Map<String, Object> fields() {
        return RunContext.fields("action", "network_provision", "target", node, "object", object, "op", op);
      }

      public void apply(RunContext run) {
        NetworkData.Change change = NetworkData.Change.of(object, op, node, run.timeline().nowMs());
        if (!run.nodes().command(node, new CwmGateway.NetworkProvision(change))) {
          run.nodes().recorder(node).log("console", null, "network_provision: " + node
              + " is not running; the command has no effect");
          return;
        }
        for (String other : domain) {
          if (!other.equals(node) && !run.nodes().command(other, new CwmGateway.RobustTrap(change))) {
            NetworkData.on(run.nodes().disk(other)).apply(change);
          }
        }
      }
    };
  }

  /** CWM-7, CWM-8: the process dies without a word (an abnormal exit, CWM-9) and the watchdog starts it again. */
  private static Action watchdogRestart(String node, long downMs) {
    return new Action() {
      public String target() {
        return node;
      }

      public Map<String, Object> fields() {
        return RunContext.fields("action", "watchdog_restart", "target", node, "down_for_ms", downMs);
      }

      public void apply(RunContext run) {
        run.nodes().crash(node, "process died, no notification (CWM-9); the watchdog will restart it");
        run.timeline().scheduleAfterMs(downMs, () -> run.nodes().start(node));
      }
    };
  }
}
