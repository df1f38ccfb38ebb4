package dev.hasim.cli;

import dev.hasim.report.Narrative;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks scenario files without running them.",
        "YAML syntax, known keys, value types, node names, times within the run, model layouts (e.g.",
        "IPFE-1, CWMGateway.conf). Problems are printed as file:line:column.",
        ""},
    footer = {"", "Example: ./hasim validate sim-scenarios"})
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or folders.")
  List<Path> targets;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    int result = Main.PASS;
    for (Path target : targets) {
      List<Path> files;
      try {
        files = Scenarios.under(target);
      } catch (IOException e) {
        err.println("hasim validate: " + e.getMessage());
        result = Main.BAD_INPUT;
        continue;
      }
      for (Path file : files) {
        try {
          Scenario s = loader.load(file);
          out.println("ok  " + file + "  (" + s.name() + ": " + Narrative.count(s.nodes().size(), "node") + ", "
              + Narrative.count(s.events().size(), "event") + ", "
              + Narrative.count(s.expectations().size(), "expectation") + ")");
        } catch (ScenarioException e) {
          err.println(e.getMessage());
          result = Main.BAD_INPUT;
        }
      }
    }
    return result;
  }
}
