package dev.hasim.scenario.kit;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * "At most one node per group holds this role": one Primary per CWM domain (CWM-17), one active host per MGC
 * pair (MGC-2). A breach is a safety violation from its first instant (no grace period).
 *
 * @param groups group name → its nodes
 * @param holds whether a running node holds the role
 * @param detail the breach's sentence from the group's name and the nodes that hold the role
 */
public record AtMostOne(String name, Map<String, List<String>> groups, BiPredicate<WorldState.NodeView, String> holds,
    BiFunction<String, List<String>, String> detail) implements Invariant {

  @Override
  public long graceMs() {
    return 0;
  }

  @Override
  public void check(WorldState world, Breaches breaches) {
    groups.forEach((group, members) -> {
      List<String> holders = holders(world, members, holds);
      if (holders.size() > 1) {
        breaches.breach(group, detail.apply(group, holders));
      }
    });
  }

  /** The running members that hold the role, in the group's order. */
  public static List<String> holders(WorldState world, List<String> members,
      BiPredicate<WorldState.NodeView, String> holds) {
    List<String> holders = new ArrayList<>();
    for (String member : members) {
      WorldState.NodeView view = world.node(member);
      if (view.up() && holds.test(view, member)) {
        holders.add(member);
      }
    }
    return holders;
  }

  /** A node holds the role when its role is {@code role}. */
  public static BiPredicate<WorldState.NodeView, String> inRole(String role) {
    return (view, node) -> role.equals(view.role());
  }
}
