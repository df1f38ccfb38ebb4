package dev.hasim.testkit;

import dev.hasim.kernel.trace.TraceEvent;
import java.util.Objects;

/**
 * Assertions about one node at the current virtual instant. A failure names the node, the instant, what was
 * expected, what the trace says (with the field's last changes and the rules behind them) and the command
 * that reproduces the test.
 */
public final class NodeAssert {
  private final Sim sim;
  private final String node;

  NodeAssert(Sim sim, String node) {
    this.sim = sim;
    this.node = node;
  }

  public NodeAssert hasRole(String expected) {
    if (!expected.equals(sim.role(node))) {
      throw sim.failure(node, "role", expected, sim.role(node) + " (history: " + sim.history(node, "role") + ")");
    }
    return this;
  }

  public NodeAssert hasState(String expected) {
    if (!Objects.equals(expected, sim.state(node))) {
      throw sim.failure(node, "state", String.valueOf(expected),
          sim.state(node) + " (history: " + sim.history(node, "state") + ")");
    }
    return this;
  }

  /** CWM: {@code hasPriority(2)} is S2. */
  public NodeAssert hasPriority(int expected) {
    return priority(expected);
  }

  public NodeAssert hasNoPriority() {
    return priority(null);
  }

  private NodeAssert priority(Integer expected) {
    if (!Objects.equals(expected, sim.priority(node))) {
      throw sim.failure(node, "priority", String.valueOf(expected),
          sim.priority(node) + " (history: " + sim.history(node, "priority") + ")");
    }
    return this;
  }

  /** An MGC host's platform state. */
  public NodeAssert hasPlatform(String expected) {
    return hasRole(expected);
  }

  /** An MGC host's POM manager state. */
  public NodeAssert hasPomState(String expected) {
    return hasState(expected);
  }

  public NodeAssert hasAlarm(int code) {
    if (!sim.alarms(node).contains(code)) {
      throw sim.failure(node, "alarm " + code, "active", "not active (active: " + sim.alarms(node) + ")");
    }
    return this;
  }

  public NodeAssert hasNoAlarm(int code) {
    if (sim.alarms(node).contains(code)) {
      throw sim.failure(node, "alarm " + code, "not active", "active");
    }
    return this;
  }

  /** The node takes {@code primary} for its Primary (CWM's {@code primary} view). */
  public NodeAssert believesPrimaryIs(String primary) {
    if (!Objects.equals(primary, sim.primaryAsSeenBy(node))) {
      throw sim.failure(node, "belief about the Primary", String.valueOf(primary),
          String.valueOf(sim.primaryAsSeenBy(node)));
    }
    return this;
  }

  public NodeAssert hasView(String key, Object expected) {
    Object actual = sim.view(node, key);
    if (!Objects.equals(expected, actual)) {
      throw sim.failure(node, "view " + key, String.valueOf(expected), String.valueOf(actual));
    }
    return this;
  }

  public NodeAssert isUp() {
    if (!sim.up(node)) {
      throw sim.failure(node, "running", "up", "down (history: " + sim.history(node, "role") + ")");
    }
    return this;
  }

  public NodeAssert isDown() {
    if (sim.up(node)) {
      throw sim.failure(node, "running", "down", "up as " + sim.role(node));
    }
    return this;
  }

  /** The node recorded a decision under {@code rule} whose reason contains {@code fragment}. */
  public NodeAssert said(String rule, String fragment) {
    if (!sim.said(node, rule, fragment)) {
      throw sim.failure(node, rule + " decision", "one saying \"" + fragment + "\"",
          sim.decisions(node, rule).stream().map(TraceEvent::fields).map(f -> String.valueOf(f.get("why")))
              .toList().toString());
    }
    return this;
  }

  /** The node recorded no decision under {@code rule} whose reason contains {@code fragment}. */
  public NodeAssert neverSaid(String rule, String fragment) {
    sim.decisions(node, rule).stream().filter(e -> e.string("why").contains(fragment)).findFirst().ifPresent(e -> {
      throw sim.failure(node, rule + " decision", "none saying \"" + fragment + "\"",
          "at " + Sim.instant(e.tMs()) + ": " + e.string("why"));
    });
    return this;
  }
}
