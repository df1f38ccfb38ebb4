package dev.hasim.bench;

import dev.hasim.ipfe.IpfeTopology;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.NetworkFault;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.action.NetworkAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark workload as the reference implementations see it: IPFE servers in mated pairs, the heartbeat
 * and detection rule, a fixed link latency, and a schedule of cuts and heals between mates. Read from the same
 * scenario file the actor runtime runs, so all three run exactly the same thing.
 */
record HeartbeatWorkload(String name, List<String> nodes, int[] mate, long heartbeatMs, long silenceTimeoutMs,
    long latencyMs, long durationMs, List<Fault> faults) {

  /** A cut ({@code heal} false) or heal of the link between two nodes; {@code a} = -1 heals everything. */
  record Fault(long atMs, int a, int b, boolean heal) {}

  static HeartbeatWorkload of(Scenario scenario) {
    if (scenario.topologies().size() != 1 || !(scenario.topologies().get(0) instanceof IpfeTopology ipfe)) {
      throw new IllegalArgumentException(scenario.name() + ": the reference loops model IPFE pairs only");
    }
    LinkOptions network = scenario.network();
    if (network.jitterMs() != 0 || network.loss() != 0 || !scenario.links().isEmpty()) {
      throw new IllegalArgumentException(scenario.name() + ": benchmark workloads use a fixed latency (no jitter, "
          + "loss or per-link settings), so that all three implementations must agree event for event");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> nodes = new ArrayList<>(ipfe.mates().keySet());
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
    }
    int[] mate = new int[nodes.size()];
    ipfe.mates().forEach((node, m) -> mate[index.get(node)] = index.get(m));
    List<Fault> faults = new ArrayList<>();
    for (Scenario.TimedAction event : scenario.events()) {
      if (!(event.action() instanceof NetworkAction action)) {
        throw new IllegalArgumentException(scenario.name() + ": only cut and heal are supported, found " + event.text());
      }
      if (action.fault() instanceof NetworkFault.Cut cut && !cut.oneWay()) {
        faults.add(new Fault(event.atMs(), index.get(cut.from()), index.get(cut.to()), false));
      } else if (action.fault() instanceof NetworkFault.Heal heal) {
        faults.add(new Fault(event.atMs(), index.get(heal.a()), index.get(heal.b()), true));
      } else if (action.fault() instanceof NetworkFault.HealAll) {
        faults.add(new Fault(event.atMs(), -1, -1, true));
      } else {
        throw new IllegalArgumentException(scenario.name() + ": only two-way cut and heal are supported, found "
            + event.text());
      }
    }
    return new HeartbeatWorkload(scenario.name(), List.copyOf(nodes), mate, ipfe.settings().heartbeatMs(),
        ipfe.settings().silenceTimeoutMs(), network.latencyMs(), scenario.durationMs(), List.copyOf(faults));
  }

  /** The workload as JSON for the SimPy script. */
  String toJson() {
    StringBuilder json = new StringBuilder("{\"heartbeat_ms\":").append(heartbeatMs).append(",\"silence_ms\":")
        .append(silenceTimeoutMs).append(",\"latency_ms\":").append(latencyMs).append(",\"duration_ms\":")
        .append(durationMs).append(",\"mate\":[");
    for (int i = 0; i < mate.length; i++) {
      json.append(i == 0 ? "" : ",").append(mate[i]);
    }
    json.append("],\"faults\":[");
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      json.append(i == 0 ? "" : ",").append('[').append(f.atMs()).append(',').append(f.a()).append(',').append(f.b())
          .append(',').append(f.heal() ? 1 : 0).append(']');
    }
    return json.append("]}").toString();
  }
}
