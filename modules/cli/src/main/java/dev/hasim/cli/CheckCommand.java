package dev.hasim.cli;

import dev.hasim.cluster.ClusterException;
import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.runtime.ActorRuntime;
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
        "Runs every scenario under a folder and prints a table of verdicts.",
        "Each scenario runs with its own seed and writes its report; <out>/index.html (every scenario,",
        "verdict, convergence, links) and <out>/junit.xml sum them up.",
        "Scale scenarios (1,000 nodes or more, e.g. sim-scenarios/bench) take minutes each and are left out,",
        "named, unless --scale is given. While scenarios run, a progress line on stderr shows how many are",
        "done, which are running and how many failed.",
        "Exits 0 if all pass, 1 if any fails, 2 if any scenario file is invalid.",
        ""},
    footer = {"", "Example: ./hasim check sim-scenarios",
        "On a cluster: ./hasim check sim-scenarios --cluster 127.0.0.1:25520",
        "              and ./hasim worker --join 127.0.0.1:25520 on every worker (docs/cluster.md)"})
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Folder of scenario files (searched recursively).")
  Path folder;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
      description = "Folder for reports (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--jobs", paramLabel = "N", description = "Scenarios run side by side (default: one per core). "
      + "Results are identical to running them one after the other.")
  Integer jobsOption;

  @Option(names = "--cluster", paramLabel = "HOST:PORT",
      description = "Coordinate a cluster on HOST:PORT (e.g. 127.0.0.1:25520) and run the scenarios on the workers "
          + "that join (hasim worker --join HOST:PORT); the same table, reports and index. See docs/cluster.md.")
  String cluster;

  @Option(names = "--scale", description = "Also run scale scenarios (" + SCALE_NODES_TEXT + " nodes or more): "
      + "minutes each on two cores.")
  boolean scale;

  /** A scenario this big is a benchmark workload: minutes of wall time, left out of a default check. */
  static final int SCALE_NODES = 1_000;
  static final String SCALE_NODES_TEXT = "1,000";

  private int jobs;

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
    jobs = jobsOption == null ? Parallel.defaultJobs() : jobsOption;
    if (jobs < 1 || jobs > 64) {
      err.println("hasim check: --jobs must be between 1 and 64");
      return Main.BAD_INPUT;
    }
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    String row = "%-6s %-40s %6s %7s %10s %12s %9s%n";
    out.printf(row, "result", "scenario", "seed", "expect", "violations", "worst settle", "wall");
    int[] counts = new int[3]; // passed, failed, invalid
    List<CheckIndex.Entry> entries = new ArrayList<>();
    List<Scenario> valid = new ArrayList<>();
    for (Path file : files) {
      try {
        valid.add(loader.load(file));
      } catch (ScenarioException e) {
        counts[2]++;
        out.printf(row, "INVALID", file.toString(), "-", "-", "-", "-", "-");
        err.println("  " + e.getMessage());
        entries.add(new CheckIndex.Entry(file.toString(), null, null, e.getMessage()));
      }
    }
    List<Scenario> scaleLeftOut = scale ? List.of()
        : valid.stream().filter(s -> s.nodes().size() >= SCALE_NODES).toList();
    if (!scaleLeftOut.isEmpty()) {
      valid.removeAll(scaleLeftOut);
      out.println("left out " + scaleLeftOut.size() + " scale scenario" + (scaleLeftOut.size() == 1 ? "" : "s")
          + " (" + SCALE_NODES_TEXT + " nodes or more; minutes each): " + String.join(", ", scaleLeftOut.stream()
              .map(s -> String.format(Locale.ROOT, "%s (%,d nodes)", s.name(), s.nodes().size())).toList())
          + "; add --scale to run them");
    }
    Sweep sweep = Sweep.open("check", cluster, jobs, err);
    if (sweep == null) {
      return Main.BAD_INPUT;
    }
    // On a cluster the coordinator's own progress lines say how the runs go; this one counts runs in this JVM.
    CheckProgress progress = sweep.local() ? new CheckProgress(err, valid.size(), System.console() != null) : null;
    try (sweep; progress) {
      // Per-run progress lines from parallel runs would interleave: only a single job shows them.
      sweep.scenarios(valid, scenario -> progress.running(scenario.name(), () -> ScenarioRunner.run(scenario,
          ScenarioRunner.Options.defaults().withProgress(jobs == 1 ? Terminal.progress(err, scenario.name())
              : ActorRuntime.Progress.NONE))), r -> {
          Path folder = ReportWriter.folderFor(this.out, r);
          try {
            folder = ReportWriter.write(r, this.out);
          } catch (IOException e) {
            err.println("  could not write the report of " + r.scenario().name() + ": " + e.getMessage());
          }
          entries.add(new CheckIndex.Entry(r.scenario().source(), r, folder, null));
          long ok = r.expectations().stream().filter(RunResult.ExpectationResult::ok).count();
          if (progress != null) {
            progress.clearLine();
          }
          out.printf(Locale.ROOT, row, r.verdict(), r.scenario().name(), r.seed(), ok + "/" + r.expectations().size(),
              r.unexpectedViolations().size(), worstSettle(r),
              String.format(Locale.ROOT, "%.1fs", r.stats().wallMs() / 1000.0));
          out.flush();
          counts[r.verdict() == RunResult.Verdict.PASS ? 0 : 1]++;
        });
    } catch (ClusterException e) {
      err.println("hasim check: " + e.getMessage());
      return Main.FAIL;
    }
    int passed = counts[0];
    int failed = counts[1];
    int invalid = counts[2];
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
    boolean interrupted = false;
    for (Convergence.Result c : r.convergence()) {
      if (c.interrupted()) {
        interrupted = true; // the next fault came first: no settle time of its own, not "never" either
      } else if (c.convergedMs() == null) {
        return "never";
      } else {
        worst = Math.max(worst, c.convergedMs() - c.injectedMs());
      }
    }
    return interrupted ? "interrupted" : worst < 0 ? "-" : worst + " ms";
  }
}
