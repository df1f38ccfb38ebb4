package dev.hasim.scenario.expect;

import dev.hasim.kernel.check.WorldState;

/**
 * An expectation as the loader read it, with where the file states it: a failure then points at the line to
 * look at, whatever model made the expectation.
 */
public record Located(Expectation inner, String where) implements Expectation {
  @Override
  public String text() {
    return inner.text();
  }

  @Override
  public Long atMs() {
    return inner.atMs();
  }

  @Override
  public Check judge(WorldState world, RunFacts run) {
    return inner.judge(world, run);
  }

  @Override
  public String expectedViolation() {
    return inner.expectedViolation();
  }
}
