package dev.hasim.explore;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs one schedule in-process and judges it: every invariant of the template's models (checked after each
 * instant of the whole run) and every declared property, the safety ones over the whole run, the liveness ones
 * at the end of the run, the liveness bound after the heal. No report is written.
 *
 * <p>{@link #run(String, String, long)} is the pure, serialisable-input form a remote worker can call:
 * template file name and text plus a schedule seed give the same {@link Outcome} anywhere.
 */
public final class ScheduleRun {
  private ScheduleRun() {}

  /**
   * What one schedule did: the names of the properties and invariants it broke (sorted), the first finding for
   * each, how often each rule ID was recorded in a decision, warning or notice, and the trace's hash; the
   * documented outcomes the run showed ({@code flagged}, see {@link Exploration.Flag}), which are not failures.
   * Also, for the shrinker, which nodes were down and whether any network fault was still in force just before
   * the heal.
   */
  public record Outcome(long seed, Set<String> failed, Map<String, String> details, Map<String, Integer> rules,
      String traceSha256, Set<String> downBeforeHeal, boolean faultsBeforeHeal, Set<String> flagged) {
    public boolean failed(String property) {
      return failed.contains(property);
    }
  }

  /** The pure form: (template file, template text, schedule seed) → outcome. */
  public static Outcome run(String templateFile, String templateText, long scheduleSeed) throws ScenarioException {
    Template template = Template.parse(templateFile, templateText, ScenarioLoader.withInstalledModels());
    return run(template, new Generator(template).generate(scheduleSeed));
  }

  /** The scenario text explore runs for a schedule: every property as an expectation. */
  static String text(Template template, Schedule schedule) {
    return template.render(null, template.name() + "-explore", null, schedule.seed(), schedule.durationMs(),
        schedule.lines(), expectations(template, schedule.durationMs(), null));
  }

  /** One expectation per property (or only {@code only}): safety on the whole run, liveness at the end. */
  static List<String> expectations(Template template, long endMs, String only) {
    List<String> lines = new ArrayList<>();
    for (Property p : template.properties().values()) {
      if (only != null && !only.equals(p.name())) {
        continue;
      }
      lines.add(p.phase() == Property.Phase.SAFETY ? "{property: " + p.name() + "}"
          : "{at: " + Times.format(endMs) + ", property: " + p.name() + "}");
    }
    // A node error fails every run on its own (it cannot be named as an invariant); other invariants are named.
    if (only != null && lines.isEmpty() && !only.equals(ScenarioRunner.NODE_ERROR_INVARIANT)) {
      lines.add("{invariant: " + only + "}");
    }
    return lines;
  }

  public static Outcome run(Template template, Schedule schedule) {
    String text = text(template, schedule);
    Scenario scenario;
    try {
      scenario = ScenarioLoader.withInstalledModels().parse(template.file(), text);
    } catch (ScenarioException e) {
      throw new IllegalStateException("explore generated a schedule the loader refuses (a bug in explore): "
          + e.getMessage() + "\n" + text, e);
    }
    RunResult result = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
    return judge(template, schedule, scenario, result);
  }

  static Outcome judge(Template template, Schedule schedule, Scenario scenario, RunResult result) {
    Set<String> failed = new TreeSet<>();
    Map<String, String> details = new TreeMap<>();
    Map<String, Property> properties = template.properties();
    for (RunResult.ExpectationResult e : result.expectations()) {
      if (!e.ok()) {
        String name = e.detail().substring(0, Math.max(0, e.detail().indexOf(' ')));
        if (properties.containsKey(name)) {
          failed.add(name);
          details.putIfAbsent(name, e.detail());
        }
      }
    }
    Set<String> flagged = new TreeSet<>();
    RunFacts facts = new RunFacts(result.events(), result.violations(), result.convergence());
    Set<String> byDesign = template.faultInvariants().keySet();
    for (Violation v : result.violations()) {
      if (byDesign.contains(v.invariant())) {
        continue; // the schedule's faults break it by design; a model property judges the cause
      }
      Exploration.Flag flag = template.flags().stream().filter(f -> f.invariant().equals(v.invariant())).findFirst()
          .orElse(null);
      if (flag != null && flag.documented().test(facts)) {
        flagged.add(flag.name()); // the protocol's documented outcome: shown, not a finding
        continue;
      }
      failed.add(v.invariant());
      details.putIfAbsent(v.invariant(), v.invariant() + " violated at " + v.tMs() + " ms: " + v.subject() + ": "
          + v.detail());
    }
    Map<String, Integer> rules = new TreeMap<>();
    for (TraceEvent event : result.events()) {
      if (event.is(EventKind.DECISION) || event.is(EventKind.WARNING) || isNotice(event)) {
        String rule = event.string("rule");
        if (rule != null) {
          rules.merge(rule, 1, Integer::sum);
        }
      }
    }
    // Just before the heal: who is down, and is any network fault still in force?
    LinkTable initial = scenario.linkTable();
    WorldState world = new WorldState(scenario.nodeNames(), initial);
    for (TraceEvent event : result.events()) {
      if (event.tMs() >= schedule.healAtMs()) {
        break;
      }
      world.apply(event);
    }
    Set<String> down = new TreeSet<>();
    for (String node : template.startedNodes()) {
      if (!world.up(node)) {
        down.add(node);
      }
    }
    boolean faults = false;
    List<String> names = scenario.nodeNames();
    for (String a : names) {
      for (String b : names) {
        if (!a.equals(b) && (!world.links().connected(a, b)
            || !world.links().options(a, b).equals(initial.options(a, b)))) {
          faults = true;
        }
      }
    }
    return new Outcome(schedule.seed(), failed, details, rules, result.traceSha256(), down, faults, flagged);
  }

  /**
   * A model's notice (CWM's SNMP traps): a model kind that is not an attribute. It carries the rule that sent
   * it, so a rule reached only through notices (CWM-11's traps) shows in the coverage table too.
   */
  private static boolean isNotice(TraceEvent event) {
    return !EventKind.KERNEL_KINDS.contains(event.kind()) && !EventKind.isAttribute(event);
  }

  /** Invariant names of the template, for telling invariants from properties in reports. */
  static Set<String> invariantNames(Template template) {
    Set<String> names = new TreeSet<>();
    for (Invariant i : template.scenario().invariants()) {
      names.add(i.name());
    }
    names.add(ScenarioRunner.NODE_ERROR_INVARIANT);
    return names;
  }
}
