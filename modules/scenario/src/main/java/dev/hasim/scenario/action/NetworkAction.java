package dev.hasim.scenario.action;

import dev.hasim.kernel.net.NetworkFault;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.List;
import java.util.Map;

/** A network fault from the scenario: cut, heal, isolate, partition, degrade. */
public record NetworkAction(NetworkFault fault) implements Action {
  @Override
  public String target() {
    return fault instanceof NetworkFault.Isolate isolate ? isolate.node() : TraceEvent.NETWORK;
  }

  @Override
  public Map<String, Object> fields() {
    return fault.fields();
  }

  @Override
  public List<String> involved() {
    return NetworkFault.nodesOf(fault);
  }

  @Override
  public void apply(RunContext run) {
    run.fabric().apply(fault);
  }
}
