package dev.hasim.report;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The monitor table: every node's role, state, the model's attributes (CWM's priority), alarms and what it
 * reports about others (its views), one row per node. For CWM domains this is the Gateway Monitor of CWM-22.
 */
public final class Monitor {
  private Monitor() {}

  public static String table(Map<String, RunResult.NodeFinal> nodes, Vocabulary vocabulary) {
    TreeSet<String> viewKeys = new TreeSet<>();
    nodes.values().forEach(n -> viewKeys.addAll(n.views().keySet()));
    List<String> attributes = vocabulary.attributes().stream().map(Vocabulary.Attribute::kind).toList();
    StringBuilder md = new StringBuilder("| node | role | state |");
    vocabulary.attributes().forEach(a -> md.append(' ').append(a.title()).append(" |"));
    md.append(" alarms |");
    viewKeys.forEach(k -> md.append(' ').append(k).append(" |"));
    md.append("\n|---|---|---|---|").append("---|".repeat(attributes.size() + viewKeys.size())).append('\n');
    nodes.forEach((node, n) -> {
      md.append("| ").append(node).append(" | ").append(n.role()).append(" | ")
          .append(n.state() == null ? "" : n.state()).append(" | ");
      attributes.forEach(a -> md.append(n.attribute(a) == null ? "" : n.attribute(a)).append(" | "));
      md.append(n.alarms().isEmpty() ? "" : n.alarms().toString()).append(" |");
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
