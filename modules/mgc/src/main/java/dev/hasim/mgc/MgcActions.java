package dev.hasim.mgc;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.FileEdit;
import dev.hasim.scenario.action.RunContext;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.Map;
import java.util.Set;

/** The scenario actions the MGC model adds: MML commands, provisioning, file faults, parameters, upgrades. */
final class MgcActions {
  static final Set<String> KEYS = Set.of("mml", "provision", "file_fault", "set_param", "upgrade");
  static final Set<String> FILE_FAULTS = Set.of("permission_denied", "disk_full", "fixed");
  /** How long an upgrade keeps the MGC application down (Model). */
  static final long DEFAULT_UPGRADE_DOWN_MS = 60_000;

  private MgcActions() {}

  static Action read(String key, YNode value, NodeNames nodes, MgcTopology topology) throws ScenarioException {
    switch (key) {
      case "mml": {
        YMap m = value.map("mml").allowOnly(Set.of("node", "command"));
        String node = host(m.require("node", "an MGC host"), "mml.node", nodes, topology);
        YNode commandNode = m.require("command", "an MML command, e.g. prov-sync or 'prov-sta::srcver=\"active\",dstver=\"pomtest8\"'");
        Mml.Command command;
        try {
          command = Mml.parse(commandNode.string("mml.command"));
        } catch (Mml.MmlException e) {
          throw commandNode.error("mml.command: " + e.getMessage());
        }
        return command(node, RunContext.fields("action", "mml", "target", node, "command", command.text()),
            new MgcHost.MmlCommand(command));
      }
      case "provision": {
        YMap m = value.map("provision").allowOnly(Set.of("node", "table", "changes"));
        String node = host(m.require("node", "an MGC host"), "provision.node", nodes, topology);
        YNode tableNode = m.require("table", "a table of the session, e.g. components");
        String table = tableNode.string("provision.table");
        if (!topology.pairOf(node).configLib().fileNames().contains(table + ".dat")) {
          throw tableNode.error("provision.table: no " + table + ".dat in this pair's configurations");
        }
        int changes = m.has("changes") ? (int) m.get("changes").integer("provision.changes", 1, 100_000) : 1;
        return command(node, RunContext.fields("action", "provision", "target", node, "table", table, "changes", changes),
            new MgcHost.Provision(table, changes));
      }
      case "file_fault": {
        YMap m = value.map("file_fault").allowOnly(Set.of("node", "dir", "kind"));
        String node = host(m.require("node", "an MGC host"), "file_fault.node", nodes, topology);
        YNode dirNode = m.require("dir", "a CFG_ directory, e.g. CFG_pom-test1");
        String dir = dirNode.string("file_fault.dir");
        String version = dir.startsWith("CFG_") ? dir.substring(4) : dir;
        YNode kindNode = m.require("kind", "permission_denied, disk_full or fixed");
        String kind = kindNode.string("file_fault.kind");
        if (!FILE_FAULTS.contains(kind)) {
          throw kindNode.expected("file_fault.kind", "permission_denied (the seed's rename error 13), disk_full "
              + "(files cut short: operationStatus 6) or fixed");
        }
        return new Action() {
          public String target() {
            return node;
          }

          public Map<String, Object> fields() {
            return RunContext.fields("action", "file_fault", "target", node, "dir", "CFG_" + version, "fault_kind", kind);
          }

          public void apply(RunContext run) {
            lib(run, node, topology).setFault(version,
                kind.equals("fixed") ? null : ConfigLib.DirFault.valueOf(kind.toUpperCase(java.util.Locale.ROOT)));
          }
        };
      }
      case "set_param": {
        YMap m = value.map("set_param").allowOnly(Set.of("node", "key", "value"));
        String node = host(m.require("node", "an MGC host"), "set_param.node", nodes, topology);
        String param = m.require("key", "an XECfgParm.dat key, e.g. pom.dataSync").string("set_param.key");
        YNode valueNode = m.require("value", "the new value");
        String newValue = valueNode.scalarText("set_param.value");
        try {
          XeCfgParm.parse(param + " = " + newValue);
        } catch (XeCfgParm.ParmException e) {
          throw valueNode.error("set_param: " + e.getMessage());
        }
        return new FileEdit(node, RunContext.fields("action", "set_param", "target", node, "key", param, "value",
            newValue, "takes_effect", "at the next start of the MGC application"), XeCfgParm.FILE,
            topology.pairOf(node).xecfgparm().get(node), text -> XeCfgParm.withValue(text, param, newValue));
      }
      case "upgrade": {
        YMap m = value.map("upgrade").allowOnly(Set.of("node", "version", "down_for"));
        String node = host(m.require("node", "an MGC host"), "upgrade.node", nodes, topology);
        String release = m.require("version", "the new software release, e.g. 9.3").scalarText("upgrade.version");
        long downMs = m.has("down_for") ? m.get("down_for").durationMs("upgrade.down_for") : DEFAULT_UPGRADE_DOWN_MS;
        return new Action() {
          public String target() {
            return node;
          }

          public Map<String, Object> fields() {
            return RunContext.fields("action", "upgrade", "target", node, "version", release, "down_for_ms", downMs);
          }

          /**
           * MGC-8: the application stops and the new software is installed; it boots after {@code down_for}, or
           * at an earlier start event (found by hasim explore: a start during the upgrade ran the old release
           * while the upgrade's deferred conversion rewrote its files underneath it), and converts the files.
           */
          public void apply(RunContext run) {
            run.nodes().shutdown(node);
            lib(run, node, topology).install(release);
            run.timeline().scheduleAfterMs(downMs, () -> run.nodes().start(node));
          }
        };
      }
      default:
        throw value.error("unknown MGC action '" + key + "'");
    }
  }

  /** The host's library, created as the topology would at its first start if it has not started yet. */
  private static ConfigLib lib(RunContext run, String node, MgcTopology topology) {
    return (ConfigLib) run.nodes().disk(node).computeIfAbsent(ConfigLib.DISK_KEY,
        k -> topology.pairOf(node).initialLibrary(node));
  }

  private static String host(YNode value, String what, NodeNames nodes, MgcTopology topology)
      throws ScenarioException {
    return nodes.readOf(value, what, topology::isHost, "an MGC host");
  }

  private static Action command(String node, Map<String, Object> fields, MgcHost.Command message) {
    return new dev.hasim.scenario.action.CommandAction(node, fields, message);
  }
}
