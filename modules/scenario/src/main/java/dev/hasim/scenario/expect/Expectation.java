package dev.hasim.scenario.expect;

import dev.hasim.kernel.check.WorldState;

/**
 * A statement the scenario makes about the run. Those with a time ({@code at}) are judged on the world as
 * the trace left it at that instant; the others on the whole run.
 */
public interface Expectation {
  /** As written in the file, in flow style, for reports. */
  String text();

  /** The instant it is judged at, or null to judge the whole run. */
  Long atMs();

  Check judge(WorldState world, RunFacts run);

  /** Where the scenario file states it, {@code file:line:column}; null for one made in code. */
  default String where() {
    return null;
  }

  /** An invariant this expectation expects to be violated (so its violations do not fail the run). */
  default String expectedViolation() {
    return null;
  }

  record Check(boolean ok, String detail) {
    public static Check pass(String detail) {
      return new Check(true, detail);
    }

    public static Check fail(String detail) {
      return new Check(false, detail);
    }
  }
}
