package dev.hasim.cli;

import dev.hasim.cluster.ClusterException;
import dev.hasim.report.ReportWriter;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a scenario (or every scenario in a folder) and writes its report.",
        "The report goes to <out>/<scenario>/seed-<n>/: report.html, report.md, report.json, trace.jsonl.",
        "The previous report of the same scenario and seed is replaced only once the new one is complete.",
        ""},
    footer = {"", "Example: ./hasim run sim-scenarios/ipfe/mate-link-loss.yaml --seed 7 --verify-determinism",
        "Seed sweep: ./hasim run sim-scenarios/cwm/graceful-shutdown-any-seed.yaml --seeds 1..20",
        "On a cluster: ./hasim run sim-scenarios/ipfe/lossy-link.yaml --seeds 1..1000 --cluster 127.0.0.1:25520",
        "              and ./hasim worker --join 127.0.0.1:25520 on every worker (docs/cluster.md)"})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", description = "A scenario file, or a folder of them.")
  Path target;

  @Option(names = "--seed", paramLabel = "N", description = "Root seed; overrides the scenario's (default 1).")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
      description = "Folder for reports (default: ${DEFAULT-VALUE}).")
  Path reportsFolder;

  @Option(names = "--realtime",
      description = "Run against the wall clock on a normal actor system (a demo; not deterministic).")
  boolean realtime;

  @Option(names = "--seeds", paramLabel = "A..B",
      description = "Run every seed from A to B (at most 10,000), side by side on all cores; one summary line each.")
  String seeds;

  @Option(names = "--jobs", paramLabel = "N", description = "With --seeds: runs side by side (default: one per core).")
  Integer jobs;

  /** Which seeds of a sweep get a report folder. */
  enum SweepReports { failed, all, none }

  @Option(names = "--reports", paramLabel = "WHICH", defaultValue = "failed",
      description = "With --seeds: which seeds get a report folder: failed (default), all, or none. A passing seed's "
          + "report is its summary line; rerun it with --seed N for the full report (writing every seed's "
          + "report.html costs more than running a short scenario).")
  SweepReports reports;

  @Option(names = "--cluster", paramLabel = "HOST:PORT",
      description = "With --seeds: coordinate a cluster on HOST:PORT (e.g. 127.0.0.1:25520) and run the seeds on the "
          + "workers that join (hasim worker --join HOST:PORT); same output and reports. See docs/cluster.md.")
  String cluster;

  @Option(names = "--verify-determinism",
      description = "Run twice in simulation and fail unless both traces have the same SHA-256.")
  boolean verifyDeterminism;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (seeds == null && spec.commandLine().getParseResult().hasMatchedOption("--reports")) {
      err.println("hasim run: --reports chooses the reports of a seed sweep; add --seeds A..B (a single run always "
          + "writes its report)");
      return Main.BAD_INPUT;
    }
    if (cluster != null && seeds == null) {
      err.println("hasim run: --cluster distributes a seed sweep; add --seeds A..B (or use hasim check DIR --cluster)");
      return Main.BAD_INPUT;
    }
    if (realtime && verifyDeterminism) {
      err.println("hasim run: --realtime runs on the wall clock and cannot be deterministic; drop one option");
      return Main.BAD_INPUT;
    }
    List<Path> files;
    try {
      files = Scenarios.under(target);
    } catch (IOException e) {
      err.println("hasim run: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    if (files.isEmpty()) {
      err.println("hasim run: no scenario files (.yaml) under " + target);
      return Main.BAD_INPUT;
    }
    if (!realtime) {
      // The actor system starts while the scenario is read: a third of a single run's cold start.
      dev.hasim.kernel.runtime.SimulationRuntime.prestartInBackground();
    }
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    if (seeds != null) {
      return runSeeds(loader, files, out, err);
    }
    int worst = Main.PASS;
    for (Path file : files) {
      worst = Math.max(worst, runOne(loader, file, out, err));
    }
    return worst;
  }

  /** A seed sweep: the same scenario under many seeds, in parallel; identical to running them one by one. */
  private int runSeeds(ScenarioLoader loader, List<Path> files, PrintWriter out, PrintWriter err) {
    java.util.regex.Matcher range = java.util.regex.Pattern.compile("(-?\\d{1,18})\\.\\.(-?\\d{1,18})").matcher(seeds);
    if (!range.matches() || seed != null || realtime || verifyDeterminism) {
      err.println("hasim run: --seeds takes A..B (e.g. 1..20) and goes without --seed, --realtime and "
          + "--verify-determinism");
      return Main.BAD_INPUT;
    }
    long from = Long.parseLong(range.group(1));
    long to = Long.parseLong(range.group(2));
    if (to < from || to - from >= 10_000) {
      err.println("hasim run: --seeds A..B needs A <= B and at most 10,000 seeds");
      return Main.BAD_INPUT;
    }
    int workers = jobs == null ? Parallel.defaultJobs() : jobs;
    Sweep sweep = Sweep.open("run", cluster, workers, err);
    if (sweep == null) {
      return Main.BAD_INPUT;
    }
    try (sweep) {
      return runSeeds(loader, files, from, to, sweep, out, err);
    } catch (ClusterException e) {
      err.println("hasim run: " + e.getMessage());
      return Main.FAIL;
    }
  }

  private int runSeeds(ScenarioLoader loader, List<Path> files, long from, long to, Sweep sweep, PrintWriter out,
      PrintWriter err) {
    int worst = Main.PASS;
    for (Path file : files) {
      Scenario scenario;
      try {
        scenario = loader.load(file);
      } catch (ScenarioException e) {
        err.println(e.getMessage());
        worst = Main.BAD_INPUT;
        continue;
      }
      List<Long> all = java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
      if (!scenario.seedMatters() && all.size() > 1) {
        out.println(scenario.name() + ": no jitter or loss on any link, so every seed gives the same run (the seed "
            + "only draws jitter and loss); add them under network: to make seeds differ");
      }
      int[] failed = {0};
      sweep.seeds(file, scenario, all, r -> {
        boolean passed = r.verdict() == RunResult.Verdict.PASS;
        if (reports == SweepReports.all || (reports == SweepReports.failed && !passed)) {
          try {
            ReportWriter.write(r, reportsFolder);
          } catch (IOException e) {
            err.println("hasim run: could not write the report of seed " + r.seed() + ": " + e.getMessage());
          }
        }
        failed[0] += passed ? 0 : 1;
        out.printf("%s  %s  seed %d  trace %s%s%n", r.verdict(), r.scenario().name(), r.seed(),
            r.traceSha256().substring(0, 16), r.verdict() == RunResult.Verdict.PASS ? ""
                : "  — " + firstProblem(r));
        out.flush();
      });
      String written = switch (reports) {
        case all -> "reports under " + reportsFolder.resolve(scenario.name());
        case failed -> failed[0] == 0 ? "no report written (--reports all writes every seed's)"
            : "reports of the failed seeds under " + reportsFolder.resolve(scenario.name());
        case none -> "no report written (--reports none)";
      };
      out.printf("%s: %d seeds, %d passed, %d failed; %s%n", scenario.name(), all.size(),
          all.size() - failed[0], failed[0], written);
      worst = Math.max(worst, failed[0] > 0 ? Main.FAIL : Main.PASS);
    }
    return worst;
  }

  private static String firstProblem(RunResult r) {
    return r.expectations().stream().filter(e -> !e.ok()).map(RunResult.ExpectationResult::failure).findFirst()
        .orElseGet(() -> r.unexpectedViolations().isEmpty() ? "" : r.unexpectedViolations().get(0).invariant()
            + " violated: " + r.unexpectedViolations().get(0).detail());
  }

  private int runOne(ScenarioLoader loader, Path file, PrintWriter out, PrintWriter err) {
    Scenario scenario;
    try {
      scenario = loader.load(file);
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    }
    ScenarioRunner.Options options =
        new ScenarioRunner.Options(seed, realtime, Terminal.progress(err, scenario.name()));
    RunResult result = ScenarioRunner.run(scenario, options);
    if (verifyDeterminism) {
      RunResult again = ScenarioRunner.run(scenario, options);
      if (!again.traceSha256().equals(result.traceSha256())) {
        err.println("NOT DETERMINISTIC: " + scenario.name() + " seed " + result.seed() + " gave trace "
            + result.traceSha256() + " then " + again.traceSha256());
        return Main.FAIL;
      }
      out.println("deterministic: two runs, same trace sha256 " + result.traceSha256());
    }
    Path folder;
    try {
      folder = ReportWriter.write(result, reportsFolder);
    } catch (IOException e) {
      err.println("hasim run: could not write the report under " + reportsFolder + ": " + e.getMessage()
          + " (any previous report is untouched)");
      return Main.FAIL;
    }
    Terminal.summary(out, result, folder);
    return result.verdict() == RunResult.Verdict.PASS ? Main.PASS : Main.FAIL;
  }
}
