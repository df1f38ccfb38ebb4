package dev.hasim.cli;

import dev.hasim.bench.Bench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measures the actor runtime against a plain event loop and SimPy 3.",
        "The plain single-threaded loop is the limit, SimPy 3 a peer; all three run the same heartbeat",
        "workloads (sim-scenarios/bench: ipfe-1k, mixed-10k, scale-100k):",
        "alternating runs after a warm-up; wall time, throughput, memory per node; the ratios actor ÷ plain",
        "and actor ÷ SimPy; and a check that all three detect the same alarms at the same instants.",
        "Then the many-short-runs workloads: a 100-seed CWM sweep and a 100-seed IPFE sweep as hasim run --seeds",
        "runs them, and 100 explore schedules of a CWM and an IPFE template, on one thread (runs per second per",
        "core, each run timed in parts), and the acceptance table of issue 20 with PASS/FAIL per target.",
        "Writes <out>/latest.json and <out>/latest.md. The full bench takes about fifteen minutes.",
        ""},
    footer = {"", "Examples: ./hasim bench --quick", "          ./hasim bench sweep     (the sweep and explore workloads only, about a minute)",
    "          ./hasim bench mixed-10k --no-simpy --runs 3     (one heartbeat workload: an A/B measurement)"})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "WORKLOAD",
      description = "'sweep': only the sweep and explore workloads (runs per second per core) and their targets; "
          + "'ipfe-1k', 'mixed-10k' or 'scale-100k': that heartbeat workload only (an A/B measurement of one).")
  String workload;

  @Option(names = "--quick", description = "A smoke test in seconds: ipfe-1k and mixed-10k cut short, no warm-up, one run; shows that the "
      + "implementations run and agree, prints no ratio (cold single runs are no measurement).")
  boolean quick;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
      description = "Measured rounds of the actor runtime and the plain loop (default ${DEFAULT-VALUE}; SimPy "
          + "runs in the first three only: it takes minutes).")
  int runs;

  @Option(names = "--no-simpy", description = "Skip the SimPy 3 reference.")
  boolean noSimpy;

  @Option(names = "--phases", description = "Also print each actor run's wall time per tenth of its virtual "
      + "duration (start included, shutdown not): when in a run it was slow.")
  boolean phases;

  @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "sim-scenarios/bench",
      description = "Folder of the workloads (default: ${DEFAULT-VALUE}).")
  Path scenarios;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/bench",
      description = "Folder for latest.json and latest.md (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    boolean heartbeatOnly = workload != null && Bench.WORKLOADS.contains(workload + ".yaml");
    if (workload != null && !workload.equals("sweep") && !heartbeatOnly) {
      err.println("hasim bench: unknown workload '" + workload + "'; known: sweep, "
          + String.join(", ", Bench.WORKLOADS.stream().map(f -> f.replace(".yaml", "")).toList()));
      return Main.BAD_INPUT;
    }
    boolean sweepOnly = workload != null && !heartbeatOnly;
    if (sweepOnly && quick) {
      err.println("hasim bench: sweep is already the quick part; drop --quick");
      return Main.BAD_INPUT;
    }
    if (runs < 1 || runs > 20) {
      err.println("hasim bench: --runs must be between 1 and 20");
      return Main.BAD_INPUT;
    }
    Path folder = scenarios;
    if (!Files.isDirectory(folder) && System.getProperty("hasim.home") != null) {
      folder = Path.of(System.getProperty("hasim.home")).resolve(scenarios);
    }
    if (!Files.isDirectory(folder)) {
      err.println("hasim bench: no workload folder " + scenarios);
      return Main.BAD_INPUT;
    }
    Bench.Options options = new Bench.Options(folder, out, quick, runs, !noSimpy, phases, !sweepOnly, !quick);
    if (heartbeatOnly) {
      options = options.only(workload);
    }
    List<Map<String, Object>> rows = Bench.run(options, spec.commandLine().getOut());
    String base = sweepOnly ? "sweep" : heartbeatOnly ? workload : "latest";
    spec.commandLine().getOut().println("results: " + out.resolve(base + ".json") + ", " + out.resolve(base + ".md"));
    boolean same = rows.stream().allMatch(r -> Boolean.TRUE.equals(r.get("same_detections")));
    if (!same) {
      err.println("hasim bench: the implementations disagree on detections: a model or a reference is wrong");
    }
    return same ? Main.PASS : Main.FAIL;
  }
}
