package dev.hasim.scenario.spi;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import dev.hasim.scenario.expect.RunFacts;

/**
 * What {@code hasim explore} needs from a model's topology: the properties to check, the timers whose
 * boundaries races live on, how long the model needs to settle once every fault is over, the operator actions
 * it may generate, and the model's rule IDs (for the coverage table).
 *
 * @param timersMs named timer lengths of this topology in ms (heartbeat interval, 2 × HBI, …)
 * @param livenessBoundMs how long after every fault is healed and every node restarted the model must have
 *     settled; {@code livenessBoundWhy} says how the model derives it from its timers
 * @param properties the model's properties beyond its invariants (which explore checks too)
 * @param operatorActions operator actions explore may put in a schedule
 * @param rules every rule ID the model can record, so a rule never reached shows in the coverage table
 * @param flags outcomes the model documents as the protocol's own, not bugs (see {@link Flag})
 * @param faultInvariants invariants the schedule's own faults break by design (name → why), such as MGC-2's
 *     split pair when both signalling links are cut: {@code hasim run} still flags them as its rule asks, but
 *     explore does not count their breaches as findings; one of {@code properties} judges whether each breach
 *     had that cause
 */
public record Exploration(
    Map<String, Long> timersMs,
    long livenessBoundMs,
    String livenessBoundWhy,
    List<Property> properties,
    List<OperatorAction> operatorActions,
    List<String> rules,
    List<Flag> flags,
    Map<String, String> faultInvariants) {

  public Exploration {
    flags = List.copyOf(flags);
  }

  /** A model with neither documented outcomes nor invariants its faults break by design. */
  public Exploration(Map<String, Long> timersMs, long livenessBoundMs, String livenessBoundWhy,
      List<Property> properties, List<OperatorAction> operatorActions, List<String> rules) {
    this(timersMs, livenessBoundMs, livenessBoundWhy, properties, operatorActions, rules, List.of(), Map.of());
  }

  /** A model with documented outcomes (CWM-17's split). */
  public Exploration(Map<String, Long> timersMs, long livenessBoundMs, String livenessBoundWhy,
      List<Property> properties, List<OperatorAction> operatorActions, List<String> rules, List<Flag> flags) {
    this(timersMs, livenessBoundMs, livenessBoundWhy, properties, operatorActions, rules, flags, Map.of());
  }

  /** A model some of whose invariants the schedule's faults break by design (MGC-2's split pair). */
  public Exploration(Map<String, Long> timersMs, long livenessBoundMs, String livenessBoundWhy,
      List<Property> properties, List<OperatorAction> operatorActions, List<String> rules,
      Map<String, String> faultInvariants) {
    this(timersMs, livenessBoundMs, livenessBoundWhy, properties, operatorActions, rules, List.of(), faultInvariants);
  }

  /**
   * A violation of {@code invariant} that the protocol produces by design, which a run still reports (the
   * invariant flags it the moment it starts) but explore must not count as a bug: CWM's several Primaries after
   * a network split (CWM-17). When {@code documented} holds of a run, its violation of {@code invariant} is
   * counted under {@code name} and shown apart; when it does not (the same breach arose some other way, a
   * race), the violation is a finding like any other.
   *
   * @param name how explore's output and explore.json name the outcome, e.g. {@code cwm-split}
   * @param documented whether every breach of {@code invariant} in the run is the documented outcome
   */
  public record Flag(String name, String rule, String statement, String invariant, Predicate<RunFacts> documented) {}

  /**
   * An operator action: {@code events} returns, for a node and a random stream, one or more scenario event
   * bodies in flow-style YAML without {@code at} (e.g. {@code signal: {node: cwmws1, name: USR2}}), to happen
   * in that order a few milliseconds apart; empty if it does not apply to that node.
   */
  public record OperatorAction(String kind, List<String> nodes, Generator events) {}

  @FunctionalInterface
  public interface Generator {
    List<String> events(String node, SplittableRandom random);
  }
}
