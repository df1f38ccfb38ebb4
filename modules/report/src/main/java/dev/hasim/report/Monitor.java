package dev.hasim.report;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.run.RunResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The monitor table: every node's role, state, priority, alarms and what it reports about others (its
 * views), one row per node. For CWM domains this is the Gateway Monitor of CWM-22.
 */
public final class Monitor {
  private Monitor() {}

  public static String table(Map<String, RunResult.NodeFinal> nodes) {
    TreeSet<String> viewKeys = new TreeSet<>();
    nodes.values().forEach(n -> viewKeys.addAll(n.views().keySet()));
    StringBuilder md = new StringBuilder("| node | role | state | priority | alarms |");
    viewKeys.forEach(k -> md.append(' ').append(k).append(" |"));
    md.append("\n|---|---|---|---|---|").append("---|".repeat(viewKeys.size())).append('\n');
    nodes.forEach((node, n) -> {
      md.append("| ").append(node).append(" | ").append(n.role()).append(" | ")
          .append(n.state() == null ? "" : n.state()).append(" | ")
          .append(n.priority() == null ? "" : n.priority()).append(" | ")
          .append(n.alarms().isEmpty() ? "" : n.alarms().toString()).append(" |");
      viewKeys.forEach(k -> md.append(' ').append(n.views().getOrDefault(k, "")).append(" |"));
      md.append('\n');
    });
    return md.toString();
  }

  /** The same rows from a world state at any instant (for {@code hasim monitor --at}). */
  public static Map<String, RunResult.NodeFinal> rows(WorldState world) {
    Map<String, RunResult.NodeFinal> rows = new LinkedHashMap<>();
    for (WorldState.NodeView view : world.nodes()) {
      rows.put(view.name(), RunResult.NodeFinal.of(view));
    }
    return rows;
  }
}
