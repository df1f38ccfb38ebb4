package dev.hasim.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One generated fault schedule: the safety phase's events (faults and operator actions, in groups that belong
 * together: a cut and its heal, a conf edit and its USR2), then at {@code healAtMs} the liveness phase's
 * events (heal everything, start every node the template starts). The run ends at {@code durationMs}, the
 * heal plus the models' liveness bound.
 *
 * @param seed the run's root seed (the fabric's jitter and loss draw from it)
 */
public record Schedule(long seed, long healAtMs, long durationMs, List<Event> events) {
  /** Group of the liveness phase's events. */
  public static final int LIVENESS = -1;

  /** An event body in flow-style YAML without {@code at}, e.g. {@code cut: [a, b]}. */
  public record Event(long atMs, String body, int group) {
    public boolean liveness() {
      return group == LIVENESS;
    }

    /** The scenario file's line for it. */
    public String line() {
      return "{at: " + Times.format(atMs) + ", " + body + "}";
    }

    Event at(long ms) {
      return new Event(ms, body, group);
    }

    Event withBody(String newBody) {
      return new Event(atMs, newBody, group);
    }
  }

  public Schedule {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(Event::atMs)); // stable: generation order within an instant
    events = List.copyOf(sorted);
  }

  public List<Event> faults() {
    return events.stream().filter(e -> !e.liveness()).toList();
  }

  public List<Integer> groups() {
    return events.stream().filter(e -> !e.liveness()).map(Event::group).distinct().sorted().toList();
  }

  public Schedule keep(Predicate<Event> keep) {
    return new Schedule(seed, healAtMs, durationMs, events.stream().filter(keep).toList());
  }

  public Schedule with(List<Event> newEvents) {
    return new Schedule(seed, healAtMs, durationMs, newEvents);
  }

  public List<String> lines() {
    return events.stream().map(Event::line).toList();
  }
}
