package dev.hasim.scenario.kit;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** When each node starts: a duration, or "never" (the node waits for a {@code start} event). */
public final class Starts {
  private Starts() {}

  /** One start time; null for "never". */
  public static Long at(YNode value, String what) throws ScenarioException {
    return value.isScalar() && "never".equals(value.describe().replace("\"", "")) ? null : value.durationMs(what);
  }

  /**
   * A {@code start: {node: 5s}} map over {@code members} (0 s for those it does not name); {@code notMember}
   * ends the error for a name that is not one of them, e.g. "is not a host of pair pgw".
   */
  public static Map<String, Long> read(YNode startNode, List<String> members, String notMember)
      throws ScenarioException {
    Map<String, Long> startAt = new LinkedHashMap<>();
    members.forEach(member -> startAt.put(member, 0L));
    if (startNode == null) {
      return startAt;
    }
    YMap starts = startNode.map("start");
    for (String member : starts.keys()) {
      if (!startAt.containsKey(member)) {
        throw starts.keyNode(member).error("start: " + member + " " + notMember + " " + members);
      }
      startAt.put(member, at(starts.get(member), "start." + member));
    }
    return startAt;
  }
}
