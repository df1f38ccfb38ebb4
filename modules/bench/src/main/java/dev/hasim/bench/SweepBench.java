package dev.hasim.bench;

import dev.hasim.explore.Generator;
import dev.hasim.explore.ScheduleRun;
import dev.hasim.explore.Template;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.report.ReportWriter;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.LiveRun;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The many-short-runs workloads of {@code hasim bench} (issue 20): a seed sweep as {@code hasim run --seeds}
 * runs it, and explore's schedules as {@code hasim explore} runs them, on one thread, so runs per second is per
 * core. Each run is timed in parts — actor system and run setup, the nodes' start (instant 0), the rest of the
 * run, the shutdown, trace and judging, report writing — and the same sweep is also run the way every run ran
 * before issue 20 (a fresh actor system each, reports for every seed), in the same invocation.
 */
public final class SweepBench {
  /** The acceptance target for the CWM template sweep. */
  public static final double TARGET_CWM_RUNS_PER_S = 50;

  /** The two sweeps and the two explore templates, with their seeds or schedules. */
  public static final String CWM_SWEEP = "cwm/primary-graceful-shutdown.yaml";
  public static final String IPFE_SWEEP = "ipfe/lossy-link.yaml";
  public static final List<String> EXPLORE_TEMPLATES = List.of("cwm/primary-graceful-shutdown.yaml",
      "ipfe/mate-link-loss.yaml");
  public static final int SEEDS = 100;

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private SweepBench() {}

  /** Parts of a run, in order; nanoseconds summed over the measured sweep. */
  static final List<String> PARTS = List.of("setup", "start", "run", "shutdown", "judge", "reports");
  static final Map<String, String> PART_WORDS = Map.of("setup", "actor system + run setup",
      "start", "model start (instant 0)", "run", "run", "shutdown", "shutdown", "judge", "trace + judging",
      "reports", "report writing");

  /**
   * A {@value #SEEDS}-seed sweep of {@code file}: a warm-up sweep (its wall time is the cold figure), the
   * measured sweep with reports as {@code hasim run --seeds} writes them (failed seeds only), and the same seeds
   * the old way for comparison.
   */
  public static Map<String, Object> sweep(ScenarioLoader loader, Path scenarios, String file, Path out,
      PrintWriter print) throws Exception {
    long loadStart = System.nanoTime();
    Scenario scenario = loader.load(scenarios.resolve(file));
    long loadNanos = System.nanoTime() - loadStart;
    Path reports = Files.createTempDirectory(Files.createDirectories(out), ".sweep-reports-");
    try {
      print.printf(Locale.ROOT, "sweep %s: %d seeds, %s virtual each, one thread%n", scenario.name(), SEEDS,
          scenario.durationMs() / 1000 + " s");
      print.flush();
      Timed cold = sweepOnce(scenario, reports, false);
      Timed warm = sweepOnce(scenario, reports, false);
      SimulationRuntime.pooling(false);
      Timed before;
      RunResult alone;
      try {
        before = sweepOnce(scenario, reports, true);
        alone = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(1L));
      } finally {
        SimulationRuntime.pooling(true);
      }
      boolean sameTrace = alone.traceSha256().equals(warm.firstSha256) && alone.traceSha256().equals(before.firstSha256);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", "sweep " + scenario.name());
      row.put("scenario", file);
      row.put("seeds", SEEDS);
      row.put("virtual_seconds", scenario.durationMs() / 1000.0);
      row.put("nodes", scenario.nodes().size());
      row.put("runs_per_s_per_core", round(warm.perSecond()));
      row.put("runs_per_s_per_core_cold", round(cold.perSecond()));
      row.put("runs_per_s_per_core_before", round(before.perSecond()));
      row.put("runs_per_cpu_s", round(warm.perCpuSecond()));
      row.put("runs_per_cpu_s_before_driver_thread_only", round(before.perCpuSecond()));
      row.put("scenario_load_ms", round(loadNanos / 1e6));
      row.put("ms_per_run", parts(warm));
      row.put("ms_per_run_before", parts(before));
      row.put("failed_seeds", warm.failed);
      row.put("same_trace_pooled_and_fresh", sameTrace);
      print.printf(Locale.ROOT, "  %.1f runs/s per core (cold JVM: %.1f; a fresh actor system and every report per "
          + "run, as before: %.1f); per CPU second of the sweeping thread: %.1f (before: %.1f, its own thread "
          + "only); trace of seed 1 the same pooled and fresh: %s%n", warm.perSecond(), cold.perSecond(),
          before.perSecond(), warm.perCpuSecond(), before.perCpuSecond(), sameTrace);
      print.println("  ms per run: " + describe(parts(warm)) + "; scenario load once: "
          + String.format(Locale.ROOT, "%.2f ms", loadNanos / 1e6));
      print.println("  before:     " + describe(parts(before)));
      print.flush();
      return row;
    } finally {
      deleteTree(reports);
    }
  }

  /** What one sweep of {@value #SEEDS} seeds took. */
  private static final class Timed {
    final long[] nanos = new long[PARTS.size()];
    long wallNanos;
    /** The sweeping thread's CPU time: what the runs cost whatever else the machine runs. */
    long cpuNanos;
    int failed;
    String firstSha256;

    double perSecond() {
      return SEEDS / (wallNanos / 1e9);
    }

    double perCpuSecond() {
      return SEEDS / (cpuNanos / 1e9);
    }
  }

  private static Timed sweepOnce(Scenario scenario, Path reports, boolean everyReport) throws Exception {
    Timed t = new Timed();
    long cpuStart = CPU.getCurrentThreadCpuTime();
    long sweepStart = System.nanoTime();
    for (long seed = 1; seed <= SEEDS; seed++) {
      long t0 = System.nanoTime();
      LiveRun run = new LiveRun(scenario, ScenarioRunner.Options.defaults().withSeed(seed), spec -> spec);
      long t1 = System.nanoTime();
      RunResult result;
      long t2;
      long t3;
      long t4;
      try {
        run.runUntil(0, ActorRuntime.Progress.NONE);
        t2 = System.nanoTime();
        run.runUntil(scenario.durationMs(), ActorRuntime.Progress.NONE);
        t3 = System.nanoTime();
      } finally {
        run.close();
      }
      t4 = System.nanoTime();
      result = run.finish();
      long t5 = System.nanoTime();
      boolean passed = result.verdict() == RunResult.Verdict.PASS;
      if (everyReport || !passed) {
        ReportWriter.write(result, reports);
      }
      long t6 = System.nanoTime();
      long[] at = {t0, t1, t2, t3, t4, t5, t6};
      for (int i = 0; i < PARTS.size(); i++) {
        t.nanos[i] += at[i + 1] - at[i];
      }
      t.failed += passed ? 0 : 1;
      if (seed == 1) {
        t.firstSha256 = result.traceSha256();
      }
    }
    t.wallNanos = System.nanoTime() - sweepStart;
    t.cpuNanos = CPU.getCurrentThreadCpuTime() - cpuStart;
    return t;
  }

  /**
   * {@value #SEEDS} schedules of an explore template, as {@code hasim explore --jobs 1} runs them (warm-up round
   * first): schedules per second per core, split into rendering and loading each schedule's scenario, running
   * it (trace and judging included) and judging the properties.
   */
  public static Map<String, Object> explore(ScenarioLoader loader, Path scenarios, String file, PrintWriter print)
      throws Exception {
    Path path = scenarios.resolve(file);
    Template template = Template.parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8), loader);
    Generator generator = new Generator(template);
    print.printf(Locale.ROOT, "explore %s: %d schedules, one thread%n", template.name(), SEEDS);
    print.flush();
    long[] coldParts = new long[3];
    long coldWall = schedules(template, generator, coldParts);
    long[] phases = new long[3];
    long cpuStart = CPU.getCurrentThreadCpuTime();
    long wall = schedules(template, generator, phases);
    double perCpuSecond = SEEDS / ((CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("generate + load", round(phases[0] / 1e6 / SEEDS));
    ms.put("run + trace + judging", round(phases[1] / 1e6 / SEEDS));
    ms.put("properties", round(phases[2] / 1e6 / SEEDS));
    double perSecond = SEEDS / (wall / 1e9);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", "explore " + template.name());
    row.put("template", file);
    row.put("schedules", SEEDS);
    row.put("schedules_per_s_per_core", round(perSecond));
    row.put("schedules_per_s_per_core_cold", round(SEEDS / (coldWall / 1e9)));
    row.put("schedules_per_cpu_s", round(perCpuSecond));
    row.put("ms_per_schedule", ms);
    print.printf(Locale.ROOT, "  %.1f schedules/s per core (cold JVM: %.1f; per CPU second: %.1f); ms per schedule: "
        + "%s%n", perSecond, SEEDS / (coldWall / 1e9), perCpuSecond, describe(ms));
    print.flush();
    return row;
  }

  private static long schedules(Template template, Generator generator, long[] phases) {
    long start = System.nanoTime();
    for (int i = 0; i < SEEDS; i++) {
      ScheduleRun.run(template, generator.generate(dev.hasim.explore.Explorer.scheduleSeed(1, i)), phases);
    }
    return System.nanoTime() - start;
  }

  private static Map<String, Object> parts(Timed t) {
    Map<String, Object> ms = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < PARTS.size(); i++) {
      ms.put(PARTS.get(i), round(t.nanos[i] / 1e6 / SEEDS));
      total += t.nanos[i];
    }
    ms.put("total", round(total / 1e6 / SEEDS));
    return ms;
  }

  private static String describe(Map<String, Object> ms) {
    StringBuilder line = new StringBuilder();
    ms.forEach((part, value) -> line.append(line.isEmpty() ? "" : ", ")
        .append(PART_WORDS.getOrDefault(part, part)).append(' ').append(value));
    return line.toString();
  }

  /** The sweep and explore rows as markdown tables; empty if none ran. */
  static String markdown(List<Map<String, Object>> rows) {
    StringBuilder md = new StringBuilder();
    List<Map<String, Object>> sweeps = rows.stream().filter(r -> r.containsKey("runs_per_s_per_core")).toList();
    if (!sweeps.isEmpty()) {
      md.append("\n## Sweeps (one thread; ms per run)\n\n| sweep | runs/s per core | cold JVM | before (fresh system, every "
          + "report) | runs per CPU s | setup | start | run | shutdown | trace + judging | reports | total | failed seeds | same "
          + "trace |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> r : sweeps) {
        Map<?, ?> ms = (Map<?, ?>) r.get("ms_per_run");
        md.append("| ").append(r.get("name")).append(" | ").append(r.get("runs_per_s_per_core")).append(" | ")
            .append(r.get("runs_per_s_per_core_cold")).append(" | ").append(r.get("runs_per_s_per_core_before"))
            .append(" | ").append(r.get("runs_per_cpu_s"));
        for (String part : PARTS) {
          md.append(" | ").append(ms.get(part));
        }
        md.append(" | ").append(ms.get("total")).append(" | ").append(r.get("failed_seeds")).append(" | ")
            .append(r.get("same_trace_pooled_and_fresh")).append(" |\n");
      }
    }
    List<Map<String, Object>> explores = rows.stream().filter(r -> r.containsKey("schedules_per_s_per_core")).toList();
    if (!explores.isEmpty()) {
      md.append("\n## Explore (one thread; ms per schedule)\n\n| template | schedules/s per core | cold JVM | per CPU s | generate + "
          + "load | run + trace + judging | properties |\n|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> r : explores) {
        Map<?, ?> ms = (Map<?, ?>) r.get("ms_per_schedule");
        md.append("| ").append(r.get("name")).append(" | ").append(r.get("schedules_per_s_per_core")).append(" | ")
            .append(r.get("schedules_per_s_per_core_cold")).append(" | ").append(r.get("schedules_per_cpu_s"))
            .append(" | ").append(ms.get("generate + load"))
            .append(" | ").append(ms.get("run + trace + judging")).append(" | ").append(ms.get("properties"))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
