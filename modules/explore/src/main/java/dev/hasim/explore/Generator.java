package dev.hasim.explore;

import dev.hasim.kernel.Seeds;
import dev.hasim.scenario.spi.Exploration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates one schedule from a template and a schedule seed, each concern from its own named stream of that
 * seed ({@code swarm}, {@code times}, {@code targets}, {@code swizzle}, {@code operator}), so changing how one
 * is drawn never shifts the others.
 *
 * <ul>
 *   <li><b>Swarm testing</b>: each schedule enables a random subset of the fault kinds (network, lifecycle
 *       and the models' operator actions) with random weights, so some schedules hammer one kind.
 *   <li><b>Swizzle-clogging</b>: a random subset of links cut one after another in a random order, healed
 *       later in another random order.
 *   <li><b>Timer boundaries</b>: half the times are an anchor (the start of the run, a node's start, an
 *       earlier event) plus one of the models' timers, give or take a few milliseconds; a fifth follow the
 *       previous event within 20 ms (two gateways joining 2 ms apart).
 * </ul>
 */
public final class Generator {
  /** The kernel's fault kinds; the models' operator actions join them per template. */
  static final List<String> CORE_KINDS = List.of("cut", "one_way_cut", "partition", "isolate", "degrade",
      "crash", "crash_restart", "restart", "shutdown", "swizzle");
  /** At most this many fault groups per schedule (a swizzle counts once). */
  static final int MAX_GROUPS = 8;

  private final Template template;
  private final List<String> nodes;
  private final List<Long> timers;
  private final long healAtMs;
  private final long durationMs;

  public Generator(Template template) {
    this.template = template;
    this.nodes = template.startedNodes();
    this.timers = template.timersMs().values().stream().filter(t -> t > 0).distinct().sorted().toList();
    long longest = timers.isEmpty() ? 1000 : timers.get(timers.size() - 1);
    this.healAtMs = template.lastStartMs() + 2 * longest;
    this.durationMs = healAtMs + template.livenessBoundMs();
  }

  /** When the liveness phase begins: the last start plus twice the longest timer. */
  public long healAtMs() {
    return healAtMs;
  }

  public long durationMs() {
    return durationMs;
  }

  public Schedule generate(long scheduleSeed) {
    SplittableRandom swarm = Seeds.stream(scheduleSeed, "swarm");
    SplittableRandom times = Seeds.stream(scheduleSeed, "times");
    SplittableRandom targets = Seeds.stream(scheduleSeed, "targets");
    SplittableRandom swizzle = Seeds.stream(scheduleSeed, "swizzle");
    SplittableRandom operator = Seeds.stream(scheduleSeed, "operator");

    List<String> kinds = new ArrayList<>(CORE_KINDS);
    List<Exploration.OperatorAction> actions = new ArrayList<>();
    template.explorations().forEach(e -> actions.addAll(e.operatorActions()));
    actions.forEach(a -> kinds.add(a.kind()));
    List<String> enabled = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (String kind : kinds) {
      if (swarm.nextBoolean()) {
        enabled.add(kind);
        weights.add(1 + swarm.nextInt(9));
      }
    }
    if (enabled.isEmpty()) {
      enabled.add(kinds.get(swarm.nextInt(kinds.size())));
      weights.add(1);
    }
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    int groups = 1 + swarm.nextInt(MAX_GROUPS);

    List<Schedule.Event> events = new ArrayList<>();
    int group = 0;
    List<Long> anchors = new ArrayList<>();
    anchors.add(0L);
    for (String node : nodes) {
      anchors.add(template.scenario().nodes().stream().filter(n -> n.name().equals(node)).findFirst()
          .orElseThrow().startAtMs());
    }
    long previous = 0;
    for (int g = 0; g < groups && nodes.size() > 0; g++) {
      int pick = swarm.nextInt(total);
      String kind = enabled.get(enabled.size() - 1);
      for (int k = 0; k < enabled.size(); k++) {
        pick -= weights.get(k);
        if (pick < 0) {
          kind = enabled.get(k);
          break;
        }
      }
      long at = time(times, anchors, previous);
      previous = at;
      anchors.add(at);
      long until = at + span(times);
      boolean healed = until < healAtMs;
      String a = nodes.get(targets.nextInt(nodes.size()));
      String b = other(targets, a);
      switch (kind) {
        case "cut" -> {
          if (b == null) {
            continue;
          }
          events.add(new Schedule.Event(at, "cut: [" + a + ", " + b + "]", group));
          if (healed) {
            events.add(new Schedule.Event(until, "heal: [" + a + ", " + b + "]", group));
          }
        }
        case "one_way_cut" -> {
          if (b == null) {
            continue;
          }
          events.add(new Schedule.Event(at, "cut: {from: " + a + ", to: " + b + "}", group));
          if (healed) {
            events.add(new Schedule.Event(until, "heal: [" + a + ", " + b + "]", group));
          }
        }
        case "partition" -> {
          if (nodes.size() < 2) {
            continue;
          }
          List<String> shuffled = new ArrayList<>(nodes);
          shuffle(shuffled, targets);
          int split = 1 + targets.nextInt(nodes.size() - 1);
          events.add(new Schedule.Event(at, "partition: [" + list(shuffled.subList(0, split)) + ", "
              + list(shuffled.subList(split, shuffled.size())) + "]", group));
          if (healed) {
            events.add(new Schedule.Event(until, "heal: all", group));
          }
        }
        case "isolate" -> {
          events.add(new Schedule.Event(at, "isolate: " + a, group));
          if (healed) {
            events.add(new Schedule.Event(until, "heal: all", group));
          }
        }
        case "degrade" -> {
          if (b == null) {
            continue;
          }
          String how = targets.nextBoolean() ? "loss: 0." + (1 + targets.nextInt(9))
              : "latency: " + (50 + targets.nextInt(3000)) + "ms";
          events.add(new Schedule.Event(at, "degrade: {link: [" + a + ", " + b + "], " + how + "}", group));
          if (healed) {
            events.add(new Schedule.Event(until, "heal: [" + a + ", " + b + "]", group));
          }
        }
        case "crash" -> events.add(new Schedule.Event(at, "crash: " + a, group));
        case "crash_restart" -> events.add(new Schedule.Event(at, "crash: {node: " + a + ", restart_after: "
            + Times.format(Math.max(1, until - at)) + "}", group));
        case "restart" -> events.add(new Schedule.Event(at, "restart: {node: " + a + ", down_for: "
            + Times.format(Math.max(1, until - at)) + "}", group));
        case "shutdown" -> {
          events.add(new Schedule.Event(at, "shutdown: " + a, group));
          if (healed) {
            events.add(new Schedule.Event(until, "start: " + a, group));
          }
        }
        case "swizzle" -> group = swizzle(events, swizzle, at, until, group);
        default -> {
          String chosen = kind;
          Exploration.OperatorAction action = actions.stream().filter(x -> x.kind().equals(chosen)).findFirst()
              .orElseThrow();
          if (action.nodes().isEmpty()) {
            continue;
          }
          String node = action.nodes().get(operator.nextInt(action.nodes().size()));
          List<String> bodies = action.events().events(node, operator);
          for (int i = 0; i < bodies.size(); i++) {
            events.add(new Schedule.Event(at + i, bodies.get(i), group));
          }
        }
      }
      group++;
    }
    // A swizzle's later cuts or an operator's later steps can run past the heal: the safety phase ends there.
    events.removeIf(e -> e.atMs() >= healAtMs);
    events.add(new Schedule.Event(healAtMs, "heal: all", Schedule.LIVENESS));
    for (String node : nodes) {
      events.add(new Schedule.Event(healAtMs, "start: " + node, Schedule.LIVENESS));
    }
    return new Schedule(scheduleSeed, healAtMs, durationMs, events);
  }

  /**
   * Swizzle-clogging: k links cut one after another (a random step apart) in a random order, healed from
   * {@code until} on in another random order; each link's cut and heal are one group for the shrinker.
   */
  private int swizzle(List<Schedule.Event> events, SplittableRandom r, long at, long until, int group) {
    List<String[]> links = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        links.add(new String[] {nodes.get(i), nodes.get(j)});
      }
    }
    if (links.isEmpty()) {
      return group;
    }
    shuffle(links, r);
    int k = 1 + r.nextInt(links.size());
    List<Integer> healOrder = new ArrayList<>();
    long step = r.nextInt(200);
    for (int i = 0; i < k; i++) {
      String[] link = links.get(i);
      events.add(new Schedule.Event(at + i * step, "cut: [" + link[0] + ", " + link[1] + "]", group + i));
      healOrder.add(i);
    }
    shuffle(healOrder, r);
    long healAt = Math.max(until, at + k * step);
    for (int n = 0; n < k && healAt + n * step < healAtMs; n++) {
      int i = healOrder.get(n);
      String[] link = links.get(i);
      events.add(new Schedule.Event(healAt + n * step, "heal: [" + link[0] + ", " + link[1] + "]", group + i));
    }
    return group + k - 1;
  }

  /** A time in the safety phase: uniform, near a timer boundary of an anchor, or just after the last event. */
  private long time(SplittableRandom r, List<Long> anchors, long previous) {
    long t;
    double roll = r.nextDouble();
    if (roll < 0.2 && previous > 0) {
      t = previous + r.nextInt(21); // a burst: two events 0-20 ms apart
    } else if (roll < 0.7 && !timers.isEmpty()) {
      long anchor = anchors.get(r.nextInt(anchors.size()));
      long timer = timers.get(r.nextInt(timers.size()));
      t = anchor + timer + nudge(r);
    } else {
      t = r.nextLong(Math.max(1, healAtMs));
    }
    return Math.max(1, Math.min(t, healAtMs - 1));
  }

  /** How long a fault lasts: often one of the timers, give or take, otherwise up to 1.5 × the longest. */
  private long span(SplittableRandom r) {
    if (!timers.isEmpty() && r.nextBoolean()) {
      return Math.max(1, timers.get(r.nextInt(timers.size())) + nudge(r));
    }
    long longest = timers.isEmpty() ? 1000 : timers.get(timers.size() - 1);
    return 1 + r.nextLong(longest + longest / 2);
  }

  /** Races live within a delivery or two of a boundary: 0, ±1 ms, or up to ±50 ms. */
  private static long nudge(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> r.nextBoolean() ? 1 : -1;
      default -> r.nextInt(101) - 50;
    };
  }

  private String other(SplittableRandom r, String a) {
    if (nodes.size() < 2) {
      return null;
    }
    String b;
    do {
      b = nodes.get(r.nextInt(nodes.size()));
    } while (b.equals(a));
    return b;
  }

  private static <T> void shuffle(List<T> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, r.nextInt(i + 1));
    }
  }

  private static String list(List<String> names) {
    return "[" + String.join(", ", names) + "]";
  }
}
