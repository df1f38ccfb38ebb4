package dev.hasim.cucm;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.CommandAction;
import dev.hasim.scenario.action.RunContext;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scenario actions the CUCM model adds: DHCP and NTP server faults, EMCC logins, phone resets, timers. */
final class CucmActions {
  static final Set<String> KEYS = Set.of("dhcp", "ntp", "emcc_login", "reset", "set_param");

  private CucmActions() {}

  static Action read(String key, YNode value, NodeNames nodes, CucmTopology topology) throws ScenarioException {
    switch (key) {
      case "dhcp": {
        YMap m = value.map("dhcp").allowOnly(Set.of("server", "nak"));
        String server = nodes.readOf(m.require("server", "a DHCP server"), "dhcp.server",
            n -> topology.groups().getOrDefault("DHCP", List.of()).contains(n), "a DHCP server");
        boolean nak = m.require("nak", "true (refuse every renewal, PH-2) or false").bool("dhcp.nak");
        return command(server, RunContext.fields("action", "dhcp", "target", server, "nak", nak),
            new Msg.DhcpNakMode(nak));
      }
      case "ntp": {
        YMap m = value.map("ntp").allowOnly(Set.of("source", "stratum"));
        String source = nodes.readOf(m.require("source", "an NTP source"), "ntp.source",
            n -> topology.groups().getOrDefault("NTP", List.of()).contains(n), "an NTP source");
        int stratum = (int) m.require("stratum", "its new stratum, 1 to 15").integer("ntp.stratum", 1, 15);
        return command(source, RunContext.fields("action", "ntp", "target", source, "stratum", stratum),
            new Msg.SetStratum(stratum));
      }
      case "emcc_login": {
        YMap m = value.map("emcc_login").allowOnly(Set.of("phone", "user"));
        String phone = phone(m.require("phone", "the phone the user logs in at"), "emcc_login.phone", nodes, topology);
        String user = m.require("user", "the user id, e.g. adgjm").string("emcc_login.user");
        return command(phone, RunContext.fields("action", "emcc_login", "target", phone, "user", user),
            new Msg.EmccLoginCommand(user));
      }
      case "reset": {
        String phone = phone(value, "reset", nodes, topology);
        return command(phone, RunContext.fields("action", "reset", "target", phone), Msg.Reset.INSTANCE);
      }
      case "set_param": {
        YMap m = value.map("set_param").allowOnly(Set.of("cluster", "keepalive", "fallback_delay"));
        Long keepalive = m.has("keepalive") ? CucmPlugin.positive(m, "keepalive", 0) : null;
        Long fallback = m.has("fallback_delay") ? m.get("fallback_delay").durationMs("set_param.fallback_delay") : null;
        if (keepalive == null && fallback == null) {
          throw value.error("set_param: needs keepalive or fallback_delay (PH-1's timers)");
        }
        String cluster = null;
        if (m.has("cluster")) {
          cluster = m.get("cluster").string("set_param.cluster");
          if (!topology.clusters().containsKey(cluster)) {
            throw m.get("cluster").error("set_param.cluster: unknown cluster \"" + cluster + "\"; the topology "
                + "defines " + topology.clusters().keySet());
          }
        }
        topology.timersEdited(keepalive, fallback);
        return setParam(cluster, keepalive, fallback, topology);
      }
      default:
        throw value.error("unknown CUCM action '" + key + "'");
    }
  }

  private static String phone(YNode value, String what, NodeNames nodes, CucmTopology topology)
      throws ScenarioException {
    return nodes.readOf(value, what, topology.phones()::containsKey, "a phone");
  }

  private static Action command(String node, Map<String, Object> fields, Msg message) {
    return new CommandAction(node, fields, message);
  }

  /** The new timers reach every phone, CCM and SRST gateway of the cluster (of every cluster if none is named). */
  private static Action setParam(String cluster, Long keepaliveMs, Long fallbackMs, CucmTopology topology) {
    List<String> targets = new ArrayList<>();
    for (Cluster c : topology.clusters().values()) {
      if (cluster == null || cluster.equals(c.name())) {
        targets.addAll(c.servers());
        if (c.srst() != null) {
          targets.add(c.srst());
        }
      }
    }
    topology.phones().forEach((phone, config) -> {
      if (cluster == null || cluster.equals(config.cluster())) {
        targets.add(phone);
      }
    });
    Msg.SetParam message = new Msg.SetParam(keepaliveMs, fallbackMs);
    return new Action() {
      public String target() {
        return dev.hasim.kernel.trace.TraceEvent.NETWORK;
      }

      public Map<String, Object> fields() {
        return RunContext.fields("action", "set_param", "cluster", cluster, "keepalive_ms", keepaliveMs,
            "fallback_delay_ms", fallbackMs);
      }

      public void apply(RunContext run) {
        for (String node : targets) {
          run.nodes().command(node, message);
        }
      }
    };
  }
}
