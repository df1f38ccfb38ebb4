package dev.hasim.scenario.expect;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.spi.Property;
import java.util.List;

/**
 * {@code {property: NAME}} (a safety property, judged on the whole run) or {@code {at: T, property: NAME}} (a
 * liveness property, judged on the world at T): one of the model's declared {@link Property properties}.
 */
public record PropertyHolds(String text, Long atMs, Property property) implements Expectation {
  @Override
  public Check judge(WorldState world, RunFacts run) {
    List<String> problems = property.check(world, run);
    String where = atMs == null ? "over the run" : "at " + atMs + " ms";
    if (problems.isEmpty()) {
      return Check.pass(property.name() + " (" + property.rule() + ") holds " + where);
    }
    return Check.fail(property.name() + " (" + property.rule() + ") violated " + where + ": "
        + String.join("; ", problems));
  }
}
