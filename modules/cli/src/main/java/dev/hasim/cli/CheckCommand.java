package dev.hasim.cli;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.report.ReportWriter;
import dev.hasim.report.html.CheckIndex;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
        "Runs every scenario under a folder with its own seed, writes each report, prints a table, and",
        "writes <out>/index.html (every scenario, verdict, convergence, links) and <out>/junit.xml.",
        "Exits 0 if all pass, 1 if any fails, 2 if any scenario file is invalid.",
        ""},
    footer = {"", "Example: ./hasim check sim-scenarios"})
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Folder of scenario files (searched recursively).")
  Path folder;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
      description = "Folder for reports (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files;
    try {
      files = Scenarios.under(folder);
    } catch (IOException e) {
      err.println("hasim check: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    String row = "%-6s %-40s %6s %7s %10s %12s %9s%n";
    out.printf(row, "result", "scenario", "seed", "expect", "violations", "worst settle", "wall");
    int passed = 0;
    int failed = 0;
    int invalid = 0;
    List<CheckIndex.Entry> entries = new ArrayList<>();
    for (Path file : files) {
      Scenario scenario;
      try {
        scenario = loader.load(file);
      } catch (ScenarioException e) {
        invalid++;
        out.printf(row, "INVALID", file.toString(), "-", "-", "-", "-", "-");
        err.println("  " + e.getMessage());
        entries.add(new CheckIndex.Entry(file.toString(), null, null, e.getMessage()));
        continue;
      }
      RunResult r = ScenarioRunner.run(scenario,
          ScenarioRunner.Options.defaults().withProgress(Terminal.progress(err, scenario.name())));
      Path folder = ReportWriter.folderFor(this.out, r);
      try {
        folder = ReportWriter.write(r, this.out);
      } catch (IOException e) {
        err.println("  could not write the report of " + scenario.name() + ": " + e.getMessage());
      }
      entries.add(new CheckIndex.Entry(file.toString(), r, folder, null));
      long ok = r.expectations().stream().filter(RunResult.ExpectationResult::ok).count();
      out.printf(Locale.ROOT, row, r.verdict(), scenario.name(), r.seed(), ok + "/" + r.expectations().size(),
          r.unexpectedViolations().size(), worstSettle(r), String.format(Locale.ROOT, "%.1fs", r.stats().wallMs() / 1000.0));
      out.flush();
      if (r.verdict() == RunResult.Verdict.PASS) {
        passed++;
      } else {
        failed++;
      }
    }
    try {
      ReportWriter.writeAtomically(this.out.resolve("index.html"), CheckIndex.html(entries, this.out));
      ReportWriter.writeAtomically(this.out.resolve("junit.xml"), CheckIndex.junit(entries));
      out.println("index: " + this.out.resolve("index.html") + "   JUnit XML: " + this.out.resolve("junit.xml"));
    } catch (IOException e) {
      err.println("hasim check: could not write the index under " + this.out + ": " + e.getMessage());
    }
    out.printf("%d passed, %d failed%s%n", passed, failed, invalid > 0 ? ", " + invalid + " invalid" : "");
    return invalid > 0 ? Main.BAD_INPUT : failed > 0 ? Main.FAIL : Main.PASS;
  }

  private static String worstSettle(RunResult r) {
    long worst = -1;
    for (Convergence.Result c : r.convergence()) {
      if (c.convergedMs() == null) {
        return "never";
      }
      worst = Math.max(worst, c.convergedMs() - c.injectedMs());
    }
    return worst < 0 ? "-" : worst + " ms";
  }
}
