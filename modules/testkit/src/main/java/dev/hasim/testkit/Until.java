package dev.hasim.testkit;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A condition {@link Sim#advanceUntil} waits for, with the words a failure message needs: the node it is
 * about, what is expected, and how to read the actual value.
 */
public final class Until {
  private final String subject;
  private final String description;
  private final Predicate<Sim> test;
  private final Function<Sim, String> actual;

  private Until(String subject, String description, Predicate<Sim> test, Function<Sim, String> actual) {
    this.subject = subject;
    this.description = description;
    this.test = test;
    this.actual = actual;
  }

  /** Any condition; the failure message shows {@code description}. */
  public static Until that(String description, Predicate<Sim> test) {
    return new Until("the simulation", description, test, sim -> "not so; beliefs " + sim.beliefs()
        + ", priority list " + sim.priorityList());
  }

  public static Until role(String node, String role) {
    return new Until(node, "role " + role, sim -> role.equals(sim.role(node)),
        sim -> sim.role(node) + " (history: " + sim.history(node, "role") + ")");
  }

  public static Until state(String node, String state) {
    return new Until(node, "state " + state, sim -> Objects.equals(state, sim.state(node)),
        sim -> sim.state(node) + " (history: " + sim.history(node, "state") + ")");
  }

  public static Until priority(String node, Integer priority) {
    return new Until(node, "priority " + priority, sim -> Objects.equals(priority, sim.priority(node)),
        sim -> sim.priority(node) + " (history: " + sim.history(node, "priority") + ")");
  }

  public static Until alarm(String node, int code, boolean active) {
    return new Until(node, "alarm " + code + (active ? " raised" : " cleared"),
        sim -> sim.alarms(node).contains(code) == active, sim -> "alarms " + sim.alarms(node));
  }

  /** {@code node} recorded a decision under {@code rule} (e.g. CWM-14) whose reason contains {@code fragment}. */
  public static Until said(String node, String rule, String fragment) {
    return new Until(node, "a " + rule + " decision saying \"" + fragment + "\"",
        sim -> sim.said(node, rule, fragment),
        sim -> sim.decisions(node, rule).stream().map(e -> e.string("why")).toList().toString());
  }

  /** {@code node} takes {@code primary} for its Primary (CWM's {@code primary} view). */
  public static Until believes(String node, String primary) {
    return new Until(node, "believes the Primary is " + primary,
        sim -> Objects.equals(primary, sim.primaryAsSeenBy(node)), sim -> String.valueOf(sim.primaryAsSeenBy(node)));
  }

  String subject() {
    return subject;
  }

  String description() {
    return description;
  }

  boolean test(Sim sim) {
    return test.test(sim);
  }

  String actual(Sim sim) {
    return actual.apply(sim);
  }

  @Override
  public String toString() {
    return subject + ": " + description;
  }
}
