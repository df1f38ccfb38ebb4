package dev.hasim.scenario.kit;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.yaml.YNode;
import java.util.List;

/** Readers for the shape every model's topology section has: a non-empty list of groups. */
public final class Groups {
  private Groups() {}

  /**
   * The items of {@code topology.<model>}; {@code hint} shows an item ("a list of pairs, e.g. - pair: pgw"),
   * {@code atLeastOne} what an empty list lacks ("at least one pair").
   */
  public static List<YNode> items(YNode section, String model, String hint, String atLeastOne)
      throws ScenarioException {
    List<YNode> items = section.list("topology." + model + " (" + hint + ")");
    if (items.isEmpty()) {
      throw section.expected("topology." + model, atLeastOne);
    }
    return items;
  }
}
