package dev.hasim.cli;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.Monitor;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
        "Prints every node's state at one instant of a scenario.",
        "Role, state, priority, alarms and what each node reports; for CWM this is the Gateway Monitor",
        "of CWM-22: whom each gateway takes for Primary, heartbeat status, user-table DSSync status.",
        ""},
    footer = {"", "Example: ./hasim monitor sim-scenarios/cwm/sp1-isolated.yaml --at 150s"})
final class MonitorCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A scenario file.")
  Path file;

  @Option(names = "--at", paramLabel = "TIME", required = true, description = "Virtual time, e.g. 90s or 1500ms.")
  String at;

  @Option(names = "--seed", paramLabel = "N", description = "Root seed; overrides the scenario's.")
  Long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Matcher m = DURATION.matcher(at.trim());
    if (!m.matches()) {
      err.println("hasim monitor: --at: expected a time like 90s, 1500ms or 2m, found \"" + at + "\"");
      return Main.BAD_INPUT;
    }
    long atMs = Long.parseLong(m.group(1)) * switch (m.group(2)) {
      case "ms" -> 1L;
      case "s" -> 1000L;
      case "m" -> 60_000L;
      default -> 3_600_000L;
    };
    Scenario scenario;
    try {
      scenario = ScenarioLoader.withInstalledModels().load(file);
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    }
    if (atMs > scenario.durationMs()) {
      err.println("hasim monitor: --at " + at + " is after the end of the run (" + Narrative.time(scenario.durationMs())
          + ")");
      return Main.BAD_INPUT;
    }
    RunResult r = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(seed));
    WorldState world = new WorldState(scenario.nodeNames(), scenario.linkTable());
    for (TraceEvent e : r.events()) {
      if (e.tMs() > atMs) {
        break;
      }
      world.apply(e);
    }
    out.println(scenario.name() + " at " + Narrative.time(atMs) + " (seed " + r.seed() + ")");
    out.println();
    out.print(Monitor.table(Monitor.rows(world), scenario.vocabulary()));
    out.flush();
    return Main.PASS;
  }
}
