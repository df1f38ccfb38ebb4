package dev.hasim.scenario.action;

import java.util.List;
import java.util.Map;

/**
 * Something a scenario does at a time: a network fault, a node lifecycle step, an operator command. The runner
 * records it as a {@code fault} event with {@link #fields()} and then applies it.
 */
public interface Action {
  /** The node it acts on, or {@link dev.hasim.kernel.trace.TraceEvent#NETWORK} for the whole network. */
  String target();

  /** The trace fields, {@code action} first. */
  Map<String, Object> fields();

  void apply(RunContext run);

  /** The nodes it touches, for message tracing and drawing; empty means every node. */
  default List<String> involved() {
    return target().equals(dev.hasim.kernel.trace.TraceEvent.NETWORK) ? List.of() : List.of(target());
  }
}
