package dev.hasim.scenario.spi;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.expect.RunFacts;
import java.util.List;

/**
 * A property a model declares about itself for {@code hasim explore} and for scenarios
 * ({@code {property: NAME}}, or {@code {at: T, property: NAME}} for a liveness property). Judged from outside
 * the nodes, on the trace, like an invariant; unlike an invariant it may read the whole history (a safety
 * property such as first-come-first-serve) or hold only once the faults are over (a liveness property).
 */
public interface Property {
  /** SAFETY: judged on the whole run. LIVENESS: judged on the world at one instant, after the faults. */
  enum Phase { SAFETY, LIVENESS }

  /** Unique among the topology's properties and invariants, e.g. {@code first-come-first-serve}. */
  String name();

  /** The rule it comes from, e.g. {@code CWM-4}. */
  String rule();

  Phase phase();

  /** The property in one sentence, for explore's output and the minimal file's comment. */
  String statement();

  /**
   * What breaks the property, one sentence per finding; empty when it holds. {@code world} is the world at
   * the instant judged (the end of the run for a safety property); {@code run} holds the whole trace.
   */
  List<String> check(WorldState world, RunFacts run);

  /** A property's name, rule, phase and statement, held once: a model writes only its {@link #check}. */
  abstract class Declared implements Property {
    private final String name;
    private final String rule;
    private final Phase phase;
    private final String statement;

    protected Declared(String name, String rule, Phase phase, String statement) {
      this.name = name;
      this.rule = rule;
      this.phase = phase;
      this.statement = statement;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String rule() {
      return rule;
    }

    @Override
    public Phase phase() {
      return phase;
    }

    @Override
    public String statement() {
      return statement;
    }
  }
}
