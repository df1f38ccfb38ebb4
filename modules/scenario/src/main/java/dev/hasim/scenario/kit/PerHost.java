package dev.hasim.scenario.kit;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A map keyed by the group's own nodes, such as a configuration file's per-host differences
 * ({@code conf_overrides: {cwmws2: "HeartBeatInterval 10"}}, {@code xecfgparm_overrides}).
 */
public final class PerHost {
  private PerHost() {}

  /**
   * The value for each member that {@code m.key} names, in the members' order (empty when the key is absent);
   * {@code notMember} ends the error for another name, e.g. "is not a host of pair pgw".
   */
  public static Map<String, YNode> read(YMap m, String key, List<String> members, String notMember)
      throws ScenarioException {
    Map<String, YNode> values = new LinkedHashMap<>();
    if (!m.has(key)) {
      return values;
    }
    YMap map = m.get(key).map(key);
    for (String name : map.keys()) {
      if (!members.contains(name)) {
        throw map.keyNode(name).error(key + ": " + name + " " + notMember);
      }
    }
    for (String member : members) {
      if (map.has(member)) {
        values.put(member, map.get(member));
      }
    }
    return values;
  }

  /** How a host's differences change the group's shared text. */
  public interface Merge {
    String apply(String shared, String host, YNode difference) throws ScenarioException;
  }

  /** Each member's text: the shared one, changed by its differences where it has some. */
  public static Map<String, String> texts(String shared, Map<String, YNode> differences, List<String> members,
      Merge merge) throws ScenarioException {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String member : members) {
      YNode difference = differences.get(member);
      texts.put(member, difference == null ? shared : merge.apply(shared, member, difference));
    }
    return texts;
  }

  /** Whether every running member satisfies {@code settled} (a group's part of a model's stable predicate). */
  public static boolean everyRunning(dev.hasim.kernel.check.WorldState world, List<String> members,
      java.util.function.Predicate<dev.hasim.kernel.check.WorldState.NodeView> settled) {
    return members.stream().map(world::node).filter(dev.hasim.kernel.check.WorldState.NodeView::up).allMatch(settled);
  }
}
