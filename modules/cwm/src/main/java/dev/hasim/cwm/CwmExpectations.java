package dev.hasim.cwm;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expectations the CWM model adds: who is Primary, the priority order, rejected provisioning, equal user tables,
 * equal network data (CWM-12), whether the Configurator runs (CWM-21).
 */
final class CwmExpectations {
  static final Set<String> KEYS = Set.of("primary", "priorities", "provision_rejected", "user_tables_same",
      "network_data_same", "configurator");

  private CwmExpectations() {}

  static Expectation read(String key, YNode value, Long atMs, String text, NodeNames nodes,
      Map<String, CwmDomain> domains) throws ScenarioException {
    if (atMs == null) {
      throw value.error(key + ": needs 'at', the time to check it");
    }
    switch (key) {
      case "primary": {
        YMap m = value.map("primary").allowOnly(Set.of("domain", "node"));
        CwmDomain domain = domain(m.require("domain", "a CWM domain name"), domains);
        String node = nodes.read(m.require("node", "the expected Primary"), "primary.node");
        return new PrimaryIs(text, atMs, domain, node);
      }
      case "priorities": {
        YMap m = value.map("priorities").allowOnly(Set.of("domain", "order"));
        CwmDomain domain = domain(m.require("domain", "a CWM domain name"), domains);
        List<String> order = new ArrayList<>();
        for (YNode item : m.require("order", "the Secondaries as S1, S2, … e.g. [cwmws3, cwmws4]").list("order")) {
          order.add(nodes.read(item, "priorities.order"));
        }
        return new PrioritiesAre(text, atMs, domain, order);
      }
      case "provision_rejected": {
        YMap m = value.map("provision_rejected").allowOnly(Set.of("node"));
        return new ProvisionRejected(text, atMs, nodes.read(m.require("node", "a CWM gateway"), "node"));
      }
      case "user_tables_same": {
        List<String> hosts = nodes.readAll(value, "user_tables_same");
        if (hosts.size() < 2) {
          throw value.expected("user_tables_same", "two or more gateways");
        }
        return new TablesSame(text, atMs, hosts);
      }
      case "network_data_same": {
        List<String> hosts = nodes.readAll(value, "network_data_same");
        if (hosts.size() < 2) {
          throw value.expected("network_data_same", "two or more gateways");
        }
        return new NetworkDataSame(text, atMs, hosts);
      }
      case "configurator": {
        YMap m = value.map("configurator").allowOnly(Set.of("node", "running"));
        String node = nodes.read(m.require("node", "a CWM gateway"), "configurator.node");
        YNode running = m.require("running", "true or false: whether the Configurator runs there (CWM-21)");
        return new ConfiguratorRuns(text, atMs, node, running.bool("configurator.running"));
      }
      default:
        throw value.error("unknown CWM expectation '" + key + "'");
    }
  }

  private static CwmDomain domain(YNode value, Map<String, CwmDomain> domains) throws ScenarioException {
    String name = value.string("domain");
    CwmDomain domain = domains.get(name);
    if (domain == null) {
      throw value.error("domain: unknown CWM domain \"" + name + "\"; the topology defines " + domains.keySet());
    }
    return domain;
  }

  record PrimaryIs(String text, Long atMs, CwmDomain domain, String node) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      List<String> primaries = CwmInvariants.primaries(world, domain);
      String detail = "Primary of " + domain.name() + " at " + atMs + " ms: " + (primaries.isEmpty() ? "none" : primaries);
      return primaries.equals(List.of(node)) ? Check.pass(detail) : Check.fail(detail + " (expected " + node + ")");
    }
  }

  record PrioritiesAre(String text, Long atMs, CwmDomain domain, List<String> order) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      List<String> primaries = CwmInvariants.primaries(world, domain);
      if (primaries.size() != 1) {
        return Check.fail(domain.name() + " has " + primaries.size() + " Primaries at " + atMs + " ms: " + primaries);
      }
      List<String> actual = new ArrayList<>();
      CwmInvariants.followers(world, domain, primaries.get(0)).values().forEach(actual::addAll);
      String detail = "Secondaries of " + primaries.get(0) + " by priority at " + atMs + " ms: " + actual;
      return actual.equals(order) ? Check.pass(detail) : Check.fail(detail + " (expected " + order + ")");
    }
  }

  record ProvisionRejected(String text, Long atMs, String node) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      for (TraceEvent e : run.events()) {
        if (e.tMs() > atMs) {
          break;
        }
        if (e.node().equals(node) && e.is("decision") && "rejected".equals(e.string("provision"))) {
          return Check.pass(node + " rejected a provision at " + e.tMs() + " ms (" + e.string("rule") + ")");
        }
      }
      return Check.fail(node + " rejected no provision by " + atMs + " ms");
    }
  }

  /** CWM-12: every named gateway holds the same copy of the network data (none counts as empty). */
  record NetworkDataSame(String text, Long atMs, List<String> hosts) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      List<Object> fingerprints = new ArrayList<>();
      for (String host : hosts) {
        Object view = world.node(host).view(CwmGateway.NETWORK_DATA_VIEW);
        fingerprints.add(view == null ? "no network data" : view);
      }
      String detail = "network data at " + atMs + " ms: " + hosts + " → " + fingerprints;
      return fingerprints.stream().distinct().count() == 1 ? Check.pass(detail) : Check.fail(detail);
    }
  }

  /** CWM-21: the Configurator runs on {@code node} at {@code atMs}, or does not. */
  record ConfiguratorRuns(String text, Long atMs, String node, boolean running) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      boolean actual = world.up(node) && Configurator.RUNNING.equals(world.node(node).view(Configurator.VIEW));
      String detail = "Configurator on " + node + " at " + atMs + " ms: " + (actual ? "running" : "not running");
      return actual == running ? Check.pass(detail) : Check.fail(detail + " (expected " + (running ? "running"
          : "not running") + ")");
    }
  }

  record TablesSame(String text, Long atMs, List<String> hosts) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      List<Object> fingerprints = new ArrayList<>();
      for (String host : hosts) {
        fingerprints.add(world.node(host).view("user_data"));
      }
      boolean same = fingerprints.stream().distinct().count() == 1 && fingerprints.get(0) != null;
      String detail = "user tables at " + atMs + " ms: " + hosts + " → " + fingerprints;
      return same ? Check.pass(detail) : Check.fail(detail);
    }
  }
}
