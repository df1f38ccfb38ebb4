package dev.hasim.scenario.expect;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.List;
import java.util.Set;

/** The expectations every model shares: alarms, roles, states, invariants, violations, convergence. */
public final class CoreExpectations {
  /** Keys that need {@code at}. */
  public static final Set<String> AT_KEYS = Set.of("alarm", "role", "state", "priority");
  /** Keys judged on the whole run. */
  public static final Set<String> RUN_KEYS = Set.of("invariant", "violation", "converged");

  private CoreExpectations() {}

  public static Expectation read(String key, YNode value, Long atMs, String text, NodeNames nodes,
      Set<String> invariantNames) throws ScenarioException {
    switch (key) {
      case "alarm": {
        YMap m = value.map("alarm").allowOnly(Set.of("node", "code", "active"));
        String node = nodes.read(m.require("node", "the node whose alarm is checked"), "alarm.node");
        int code = (int) m.require("code", "an alarm code such as 5003").integer("alarm.code", 1, 999_999);
        boolean active = m.has("active") ? m.get("active").bool("alarm.active") : true;
        return new AlarmAt(text, atMs, node, code, active);
      }
      case "role":
      case "state": {
        YMap m = value.map(key).allowOnly(Set.of("node", "is"));
        String node = nodes.read(m.require("node", "a node name"), key + ".node");
        String expected = m.require("is", "the expected " + key).string(key + ".is");
        return new ValueAt(text, atMs, key, node, expected);
      }
      case "priority": {
        YMap m = value.map(key).allowOnly(Set.of("node", "is"));
        String node = nodes.read(m.require("node", "a node name"), "priority.node");
        YNode is = m.require("is", "a priority number, or none");
        String expected = is.isNull() ? null : String.valueOf(is.integer("priority.is", 1, 10_000));
        return new ValueAt(text, atMs, key, node, expected);
      }
      case "invariant":
      case "violation": {
        String name = value.isMap()
            ? value.map(key).allowOnly(Set.of("invariant")).require("invariant", "an invariant name")
                .string(key + ".invariant")
            : value.string(key);
        if (!invariantNames.contains(name)) {
          throw value.error(key + ": unknown invariant \"" + name + "\"; this topology checks "
              + String.join(", ", invariantNames));
        }
        return key.equals("invariant") ? new InvariantHeld(text, name) : new ViolationExpected(text, name);
      }
      case "converged": {
        YMap m = value.map("converged").allowOnly(Set.of("after", "within"));
        long after = m.require("after", "the time of the fault (e.g. 20s)").durationMs("converged.after");
        long within = m.require("within", "the longest acceptable time to settle (e.g. 2s)")
            .durationMs("converged.within");
        return new ConvergedWithin(text, after, within);
      }
      default:
        throw value.error("unknown expectation '" + key + "'");
    }
  }

  record AlarmAt(String text, Long atMs, String node, int code, boolean active) implements Expectation {
    @Override
    public Check judge(WorldState world, RunFacts run) {
      boolean actual = world.node(node).alarms().contains(code);
      String detail = node + " alarm " + code + (actual ? " active" : " not active") + " at " + atMs + " ms";
      return actual == active ? Check.pass(detail) : Check.fail(detail);
    }
  }

  record ValueAt(String text, Long atMs, String what, String node, String expected) implements Expectation {
    @Override
    public Check judge(WorldState world, RunFacts run) {
      WorldState.NodeView view = world.node(node);
      Object actual = switch (what) {
        case "role" -> view.role();
        case "state" -> view.state();
        default -> view.priority();
      };
      String actualText = actual == null ? null : actual.toString();
      String detail = node + " " + what + " is " + actualText + " at " + atMs + " ms";
      return java.util.Objects.equals(actualText, expected) ? Check.pass(detail)
          : Check.fail(detail + " (expected " + expected + ")");
    }
  }

  record InvariantHeld(String text, String invariant) implements Expectation {
    @Override
    public Long atMs() {
      return null;
    }

    @Override
    public Check judge(WorldState world, RunFacts run) {
      List<Violation> found = run.violations().stream().filter(v -> v.invariant().equals(invariant)).toList();
      if (found.isEmpty()) {
        return Check.pass(invariant + " held throughout");
      }
      Violation first = found.get(0);
      return Check.fail(invariant + " violated " + found.size() + " time(s); first at " + first.tMs() + " ms: "
          + first.subject() + ": " + first.detail());
    }
  }

  record ViolationExpected(String text, String invariant) implements Expectation {
    @Override
    public Long atMs() {
      return null;
    }

    @Override
    public String expectedViolation() {
      return invariant;
    }

    @Override
    public Check judge(WorldState world, RunFacts run) {
      return run.violations().stream().filter(v -> v.invariant().equals(invariant)).findFirst()
          .map(v -> Check.pass(invariant + " violated as expected at " + v.tMs() + " ms: " + v.detail()))
          .orElseGet(() -> Check.fail(invariant + " was expected to be violated but held"));
    }
  }

  record ConvergedWithin(String text, long afterMs, long withinMs) implements Expectation {
    @Override
    public Long atMs() {
      return null;
    }

    @Override
    public Check judge(WorldState world, RunFacts run) {
      for (Convergence.Result result : run.convergence()) {
        if (result.injectedMs() >= afterMs) {
          String fault = "fault '" + result.fault() + "' at " + YNode.durationText(result.injectedMs());
          if (result.convergedMs() == null) {
            return Check.fail(fault + (result.interrupted() ? " was interrupted by the next fault at "
                + YNode.durationText(result.nextFaultMs()) + " before it settled" : " never converged"));
          }
          long took = result.convergedMs() - result.injectedMs();
          String detail = fault + " converged in " + took + " ms" + (result.nextFaultMs() == null ? ""
              : " (quiet until the next fault at " + YNode.durationText(result.nextFaultMs()) + ")");
          return took <= withinMs ? Check.pass(detail) : Check.fail(detail + " (limit " + YNode.durationText(withinMs)
              + ")");
        }
      }
      return Check.fail("no fault at or after " + YNode.durationText(afterMs));
    }
  }
}
