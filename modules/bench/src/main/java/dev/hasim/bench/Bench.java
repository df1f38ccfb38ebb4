package dev.hasim.bench;

import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.ReportWriter;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hasim bench}: each workload on the actor runtime, the plain event loop and SimPy 3, alternating, after
 * a warm-up, several measured runs each; a table of wall time, throughput and memory; the ratios actor ÷ plain
 * and actor ÷ SimPy measured in the same invocation; and a check that all three detect the same alarms at the
 * same instants. Wall-clock time is read here and only here: the benchmark measures, it does not simulate.
 */
public final class Bench {
  /** The workloads, in order; files under sim-scenarios/bench/. */
  public static final List<String> WORKLOADS = List.of("ipfe-1k.yaml", "mixed-10k.yaml", "scale-100k.yaml");

  /**
   * @param quick virtual durations cut to {@link #QUICK_VIRTUAL_MS} and one measured run: a smoke test that
   *     still covers a cut and a heal where the workload has one early
   * @param runs measured runs per implementation and workload
   * @param phases also print each actor run's wall time per tenth of its virtual duration ({@link PhaseTimer})
   */
  public record Options(Path scenarios, Path out, boolean quick, int runs, boolean simpy, boolean phases,
      boolean heartbeat, boolean sweeps, String only) {
    /** The heartbeat workloads only. */
    public Options(Path scenarios, Path out, boolean quick, int runs, boolean simpy, boolean phases) {
      this(scenarios, out, quick, runs, simpy, phases, true, false, null);
    }

    public Options(Path scenarios, Path out, boolean quick, int runs, boolean simpy, boolean phases,
        boolean heartbeat, boolean sweeps) {
      this(scenarios, out, quick, runs, simpy, phases, heartbeat, sweeps, null);
    }

    /** The heartbeat workload of this name only ({@code mixed-10k}): an A/B measurement of one workload. */
    public Options only(String name) {
      return new Options(scenarios, out, quick, runs, simpy, phases, true, false, name);
    }
  }

  /**
   * SimPy takes about two minutes a run at 10,000 nodes: it is measured in the first three rounds only (the
   * issue's minimum), so that the actor runtime and the plain loop can have more rounds within the time budget.
   */
  static final int SIMPY_RUNS = 3;

  /**
   * scale-100k is there for memory per node, and a round takes about 40 s: three rounds (the minimum)
   * keep the full bench within its 15 minutes.
   */
  static final Map<String, Integer> MAX_RUNS = Map.of("scale-100k", 3);

  /**
   * SimPy is compared where the issue sets its target (1,000 and 10,000 nodes). At 100,000 nodes it needs
   * about seven minutes per run, which would push the full bench past fifteen minutes; that workload measures
   * memory per node.
   */
  static final java.util.Set<String> SIMPY_WORKLOADS = java.util.Set.of("ipfe-1k", "mixed-10k");

  /**
   * {@code --quick} is a smoke test, not a measurement: 100,000 actors take tens of seconds just to start, so
   * scale-100k is left to the full bench.
   */
  public static final List<String> QUICK_WORKLOADS = List.of("ipfe-1k.yaml", "mixed-10k.yaml");

  static final Map<String, Long> QUICK_VIRTUAL_MS =
      Map.of("ipfe-1k", 130_000L, "mixed-10k", 25_000L, "scale-100k", 4_000L);

  record Measured(List<Double> wallS, long delivered, List<Detection> detections) {
    double median() {
      List<Double> sorted = new ArrayList<>(wallS);
      Collections.sort(sorted);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
      return Collections.min(wallS);
    }

    double max() {
      return Collections.max(wallS);
    }
  }

  private Bench() {}

  /**
   * CPU seconds of each measured round: the driver thread's (which runs the whole simulation in virtual time,
   * and the plain loop) and the whole JVM's (garbage collection and the JIT included). On a machine shared with
   * other work a round's wall time measures the neighbours too; its CPU time much less, so an A/B comparison
   * under load reads these.
   */
  static final class Cpu {
    final List<Double> thread = new ArrayList<>();
    final List<Double> process = new ArrayList<>();
    private long threadStart;
    private long processStart;

    void start() {
      threadStart = threadCpuNs();
      processStart = processCpuNs();
    }

    void stop() {
      thread.add(round((threadCpuNs() - threadStart) / 1e9));
      process.add(round((processCpuNs() - processStart) / 1e9));
    }

    void into(Map<String, Object> row, String who) {
      row.put(who + "_cpu_s_rounds", List.copyOf(thread));
      row.put(who + "_jvm_cpu_s_rounds", List.copyOf(process));
    }

    private static long threadCpuNs() {
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private static long processCpuNs() {
      return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
          ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
  }

  public static List<Map<String, Object>> run(Options options, PrintWriter out) throws Exception {
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    String loadBefore = loadAverage();
    out.println("load average at the start: " + loadBefore + " (" + Runtime.getRuntime().availableProcessors()
        + " cores; other work on the machine slows every figure, ratios less)");
    String simpyMissing = !options.heartbeat() ? "not measured (sweep workloads only)"
        : options.simpy() ? SimPyReference.unavailable() : "disabled with --no-simpy";
    if (simpyMissing != null && options.heartbeat()) {
      out.println("SimPy 3 skipped: " + simpyMissing);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String file : options.heartbeat() ? WORKLOADS : List.<String>of()) {
      if (options.only() != null && !file.equals(options.only() + ".yaml")) {
        continue;
      }
      if (options.quick() && !QUICK_WORKLOADS.contains(file)) {
        out.println(file.replace(".yaml", "") + ": left out of --quick (its nodes take tens of seconds to start; "
            + "the full bench runs it)");
        continue;
      }
      Scenario scenario = loader.load(options.scenarios().resolve(file));
      if (options.quick()) {
        scenario = shortened(scenario, QUICK_VIRTUAL_MS.getOrDefault(scenario.name(), 10_000L));
      }
      HeartbeatWorkload workload = HeartbeatWorkload.of(scenario);
      out.printf(Locale.ROOT, "%s: %,d nodes, %s virtual — warm-up%n", scenario.name(), workload.nodes().size(),
          seconds(scenario.durationMs()));
      out.flush();
      WarmUp warm = warmUp(scenario, options.quick() ? 0 : MAX_WARM_UP_ROUNDS);
      String why = warm.quiet() ? "until the JIT was quiet" : "the most; the JIT was not quiet";
      if (options.quick()) {
        out.println("  warm-up: none (quick: a cold smoke test)");
      } else {
        out.printf(Locale.ROOT, "  warm-up: %d round%s of %s virtual, %s (the last compiled for %d ms)%n",
            warm.rounds(), warm.rounds() == 1 ? "" : "s", seconds(warm.virtualMs()), why, warm.lastCompileMs());
      }
      out.flush();
      List<Double> actorWall = new ArrayList<>();
      List<Double> plainWall = new ArrayList<>();
      List<Double> simpyWall = new ArrayList<>();
      Cpu actorCpu = new Cpu();
      Cpu plainCpu = new Cpu();
      RunResult actor = null;
      PlainLoop.Result plain = null;
      SimPyReference.Result simpy = null;
      long simpyRss = 0;
      int runs = options.quick() ? 1
          : Math.min(options.runs(), MAX_RUNS.getOrDefault(scenario.name(), options.runs()));
      for (int run = 1; run <= runs; run++) {
        PhaseTimer phases = options.phases() ? new PhaseTimer(scenario.durationMs()) : null;
        actorCpu.start();
        long start = System.nanoTime();
        actor = ScenarioRunner.run(scenario, phases == null ? ScenarioRunner.Options.defaults()
            : ScenarioRunner.Options.defaults().withProgress(phases));
        actorWall.add((System.nanoTime() - start) / 1e9);
        actorCpu.stop();
        plainCpu.start();
        start = System.nanoTime();
        plain = PlainLoop.run(workload);
        plainWall.add((System.nanoTime() - start) / 1e9);
        plainCpu.stop();
        if (simpyMissing == null && SIMPY_WORKLOADS.contains(scenario.name()) && run <= SIMPY_RUNS) {
          simpy = SimPyReference.run(workload);
          simpyWall.add(simpy.wallS());
          simpyRss = Math.max(simpyRss, simpy.peakRssBytes());
        }
        out.printf(Locale.ROOT, "  run %d: actor %.2f s, plain %.2f s%s; CPU s (driver thread / whole JVM): actor "
            + "%.2f / %.2f, plain %.2f / %.2f%n", run, actorWall.get(run - 1), plainWall.get(run - 1),
            simpyWall.size() < run ? "" : String.format(Locale.ROOT, ", SimPy %.2f s", simpy.wallS()),
            actorCpu.thread.get(run - 1), actorCpu.process.get(run - 1), plainCpu.thread.get(run - 1),
            plainCpu.process.get(run - 1));
        if (phases != null) {
          out.println("    actor " + phases.summary());
        }
        out.flush();
      }
      Measured a = new Measured(actorWall, actor.stats().messagesDelivered(), detections(actor));
      Measured p = new Measured(plainWall, plain.delivered(), sorted(plain.detections()));
      Measured s = simpy == null ? null : new Measured(simpyWall, simpy.delivered(), sorted(simpy.detections()));
      boolean same = a.detections().equals(p.detections()) && (s == null || a.detections().equals(s.detections()));
      Map<String, Object> row = row(scenario, workload, a, p, s, warm, simpyRss, same, !options.quick());
      actorCpu.into(row, "actor");
      plainCpu.into(row, "plain");
      rows.add(row);
    }
    if (!rows.isEmpty()) {
      print(rows, out);
    }
    if (options.heartbeat() && options.only() == null) {
      modelWorkloads(loader, options, out);
    }
    List<Map<String, Object>> sweeps = new ArrayList<>();
    if (options.sweeps()) {
      Path all = options.scenarios().toAbsolutePath().getParent();
      sweeps.add(SweepBench.sweep(loader, all, SweepBench.CWM_SWEEP, options.out(), out));
      sweeps.add(SweepBench.sweep(loader, all, SweepBench.IPFE_SWEEP, options.out(), out));
      for (String template : SweepBench.EXPLORE_TEMPLATES) {
        sweeps.add(SweepBench.explore(loader, all, template, out));
      }
    }
    List<Map<String, Object>> acceptance = options.quick() ? List.of() : Acceptance.judge(rows, sweeps);
    String loadAfter = loadAverage();
    out.println("load average at the end: " + loadAfter);
    if (!acceptance.isEmpty()) {
      Acceptance.print(acceptance, out);
    }
    if (options.quick()) {
      out.println("quick: a smoke test (shortened workloads, cold JIT, one run): it shows that the actor runtime, "
          + "the plain loop and SimPy run and detect the same alarms; its times are not a measurement, so it prints "
          + "no ratio. ./hasim bench measures them (about fifteen minutes).");
    }
    write(rows, sweeps, acceptance, options, simpyMissing, loadBefore + " → " + loadAfter);
    return rows;
  }

  /** The 1-, 5- and 15-minute load averages from /proc/loadavg; "unknown" where there is none. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /**
   * Model workloads with no reference implementation, timed once on the actor runtime: files under
   * sim-scenarios/scale/ (a CUCM cluster with 10,000 phones for one virtual hour). {@code --quick} runs their
   * first virtual minute.
   */
  static final List<String> MODEL_WORKLOADS = List.of("cucm-10k.yaml");

  private static void modelWorkloads(ScenarioLoader loader, Options options, PrintWriter out) throws Exception {
    for (String file : MODEL_WORKLOADS) {
      java.nio.file.Path path = options.scenarios().resolveSibling("scale").resolve(file);
      if (!java.nio.file.Files.exists(path)) {
        continue;
      }
      Scenario scenario;
      try {
        scenario = loader.load(path);
      } catch (dev.hasim.scenario.ScenarioException e) {
        out.println(file.replace(".yaml", "") + ": skipped, " + e.getMessage()); // its model is not installed
        continue;
      }
      if (options.quick()) {
        scenario = shortened(scenario, 60_000L);
      }
      long start = System.nanoTime();
      var result = dev.hasim.scenario.run.ScenarioRunner.run(scenario,
          dev.hasim.scenario.run.ScenarioRunner.Options.defaults());
      out.printf(Locale.ROOT, "%s: %,d nodes, %.0f s virtual in %.2f s wall on the actor runtime (%s)%n",
          scenario.name(), scenario.nodeNames().size(), scenario.durationMs() / 1000.0,
          (System.nanoTime() - start) / 1e9, result.verdict());
    }
  }

  /**
   * How far a warm-up round runs: past the workload's first cut and heal, so that the JIT has compiled every
   * path the measured runs take (a path first taken during a measured run costs a deoptimisation and a
   * recompilation of the hot loop inside it). Memory per node does not depend on how long the nodes run.
   */
  static final Map<String, Long> WARM_UP_VIRTUAL_MS = Map.of("ipfe-1k", 130_000L, "mixed-10k", 25_000L);
  static final long DEFAULT_WARM_UP_VIRTUAL_MS = 10_000;

  /**
   * The JIT counts as quiet once {@link #QUIET_ROUNDS} warm-up rounds in a row compile for less than this. One
   * warm-up run is not enough: every run starts nodes, cuts, heals and stops them, and each such transition
   * still deoptimised hot code (Pekko's mailbox loop, the fabric, the IPFE handler) several runs later, which
   * made the first measured 10,000-node rounds of every bench 1.5–2× slower than the last.
   */
  static final long QUIET_JIT_MS = 50;
  static final int QUIET_ROUNDS = 2;
  static final int MAX_WARM_UP_ROUNDS = 15;

  /**
   * What the warm-up measured: heap held by the live nodes at the end of its first run, peak heap, and the
   * rounds that followed until the JIT was quiet.
   */
  private record WarmUp(long bytesPerNode, long peakHeapBytes, int rounds, long virtualMs, long lastCompileMs,
      boolean quiet) {}

  /**
   * A first shortened run that measures memory, then more of them — actor runtime and plain loop — until the
   * JIT is quiet or {@code maxRounds} have run.
   */
  private static WarmUp warmUp(Scenario full, int maxRounds) {
    Scenario scenario = shortened(full, WARM_UP_VIRTUAL_MS.getOrDefault(full.name(), DEFAULT_WARM_UP_VIRTUAL_MS));
    HeartbeatWorkload workload = HeartbeatWorkload.of(scenario);
    System.gc();
    long baseline = usedHeap();
    resetPeaks();
    long[] atEnd = {0};
    ActorRuntime.Progress measure = (nowMs, endMs, tasks) -> {
      if (nowMs >= endMs && atEnd[0] == 0) {
        System.gc(); // the nodes are still alive here: their actors, timers, mailboxes and the trace
        atEnd[0] = usedHeap();
      }
    };
    ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withProgress(measure));
    PlainLoop.run(workload);
    long bytesPerNode = Math.max(0, (atEnd[0] - baseline) / workload.nodes().size());
    long peakHeap = peakHeap();

    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int rounds = 0;
    int quiet = 0;
    long compiled = 0;
    while (rounds < maxRounds && quiet < QUIET_ROUNDS) {
      long before = jit.getTotalCompilationTime();
      ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
      PlainLoop.run(workload);
      compiled = jit.getTotalCompilationTime() - before;
      quiet = compiled < QUIET_JIT_MS ? quiet + 1 : 0;
      rounds++;
    }
    return new WarmUp(bytesPerNode, peakHeap, rounds, scenario.durationMs(), compiled, quiet >= QUIET_ROUNDS);
  }

  private static Map<String, Object> row(Scenario scenario, HeartbeatWorkload w, Measured a, Measured p, Measured s,
      WarmUp warm, long simpyRss, boolean same, boolean ratios) {
    Map<String, Object> row = new LinkedHashMap<>();
    double virtualS = scenario.durationMs() / 1000.0;
    row.put("name", scenario.name());
    row.put("nodes", w.nodes().size());
    row.put("virtual_seconds", virtualS);
    row.put("actor_wall_s", round(a.median()));
    row.put("plain_wall_s", round(p.median()));
    row.put("simpy_wall_s", s == null ? null : round(s.median()));
    // A ratio of cold single runs reads 4–7× where the measured bench reads 1.2–2.5×: --quick records none.
    row.put("ratio_actor_plain", ratios ? round(a.median() / p.median()) : null);
    row.put("ratio_actor_simpy", s == null || !ratios ? null : round(a.median() / s.median()));
    row.put("bytes_per_node", warm.bytesPerNode());
    row.put("warm_up_rounds", warm.rounds());
    row.put("same_detections", same);
    row.put("detections", a.detections().size());
    row.put("deliveries", a.delivered());
    row.put("actor_wall_s_min_max", List.of(round(a.min()), round(a.max())));
    row.put("actor_wall_s_rounds", a.wallS().stream().map(Bench::round).toList());
    row.put("plain_wall_s_min_max", List.of(round(p.min()), round(p.max())));
    row.put("simpy_wall_s_min_max", s == null ? null : List.of(round(s.min()), round(s.max())));
    row.put("actor_virtual_s_per_wall_s", round(virtualS / a.median()));
    row.put("actor_deliveries_per_s", Math.round(a.delivered() / a.median()));
    row.put("plain_deliveries_per_s", Math.round(p.delivered() / p.median()));
    row.put("simpy_deliveries_per_s", s == null ? null : Math.round(s.delivered() / s.median()));
    row.put("peak_heap_bytes", warm.peakHeapBytes());
    row.put("jvm_peak_rss_bytes", peakRss());
    row.put("simpy_peak_rss_bytes", s == null ? null : simpyRss);
    row.put("runs", a.wallS().size());
    return row;
  }

  static void print(List<Map<String, Object>> rows, PrintWriter out) {
    String line = "%-12s %8s %8s | %-22s %-22s %-22s | %7s %7s | %5s | %10s %9s%n";
    out.printf(line, "workload", "nodes", "virtual", "actor s (med min-max)", "plain s (med min-max)",
        "SimPy s (med min-max)", "a/plain", "a/SimPy", "same", "bytes/node", "v-s/wall-s");
    for (Map<String, Object> r : rows) {
      out.printf(Locale.ROOT, line, r.get("name"), r.get("nodes"), r.get("virtual_seconds") + " s",
          spread(r.get("actor_wall_s"), r.get("actor_wall_s_min_max")),
          spread(r.get("plain_wall_s"), r.get("plain_wall_s_min_max")),
          r.get("simpy_wall_s") == null ? "skipped" : spread(r.get("simpy_wall_s"), r.get("simpy_wall_s_min_max")),
          r.get("ratio_actor_plain") == null ? "-" : r.get("ratio_actor_plain") + "×",
          r.get("ratio_actor_simpy") == null ? "-" : r.get("ratio_actor_simpy") + "×",
          r.get("same_detections"), r.get("bytes_per_node"), r.get("actor_virtual_s_per_wall_s"));
    }
    out.flush();
  }

  private static void write(List<Map<String, Object>> rows, List<Map<String, Object>> sweeps,
      List<Map<String, Object>> acceptance, Options options, String simpyMissing, String load) throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    doc.put("machine", machine());
    doc.put("load_average", load);
    doc.put("quick", options.quick());
    doc.put("simpy", simpyMissing == null ? "SimPy 3" : "skipped: " + simpyMissing);
    doc.put("workloads", rows);
    doc.put("sweeps", sweeps);
    doc.put("acceptance", acceptance);
    Files.createDirectories(options.out());
    // A partial bench (hasim bench sweep, hasim bench mixed-10k) leaves the full bench's files alone.
    String base = options.only() != null ? options.only() : options.heartbeat() ? "latest" : "sweep";
    ReportWriter.writeAtomically(options.out().resolve(base + ".json"),
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
    ReportWriter.writeAtomically(options.out().resolve(base + ".md"), (rows.isEmpty() ? "# hasim bench sweep — "
        + doc.get("date") + "\n\n" + doc.get("machine") + "; load average " + doc.get("load_average") + "\n"
        : markdown(doc, rows))
        + SweepBench.markdown(sweeps) + (acceptance.isEmpty() ? "" : Acceptance.markdown(acceptance)));
  }

  static String markdown(Map<String, Object> doc, List<Map<String, Object>> rows) {
    StringBuilder md = new StringBuilder("# hasim bench — " + doc.get("date") + "\n\n" + doc.get("machine") + "; "
        + doc.get("simpy") + "; load average " + doc.get("load_average") + (Boolean.TRUE.equals(doc.get("quick")) ? "; QUICK: a smoke test (shortened workloads, cold JIT, one run; no ratios)" : "") + "\n\n"
        + "| workload | nodes | virtual s | actor s (median; min–max) | plain s | SimPy s | actor ÷ plain | actor ÷ SimPy "
        + "| same detections | bytes/node | actor virtual s per wall s | actor deliveries/s |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : rows) {
      md.append("| ").append(r.get("name")).append(" | ").append(r.get("nodes")).append(" | ")
          .append(r.get("virtual_seconds")).append(" | ").append(spread(r.get("actor_wall_s"), r.get("actor_wall_s_min_max")))
          .append(" | ").append(spread(r.get("plain_wall_s"), r.get("plain_wall_s_min_max"))).append(" | ")
          .append(r.get("simpy_wall_s") == null ? "skipped" : spread(r.get("simpy_wall_s"), r.get("simpy_wall_s_min_max")))
          .append(" | ").append(r.get("ratio_actor_plain") == null ? "—" : r.get("ratio_actor_plain")).append(" | ")
          .append(r.get("ratio_actor_simpy") == null ? "—" : r.get("ratio_actor_simpy")).append(" | ")
          .append(r.get("same_detections")).append(" | ").append(r.get("bytes_per_node")).append(" | ")
          .append(r.get("actor_virtual_s_per_wall_s")).append(" | ").append(r.get("actor_deliveries_per_s")).append(" |\n");
    }
    return md.toString();
  }

  private static String spread(Object median, Object minMax) {
    List<?> range = (List<?>) minMax;
    return median + " (" + range.get(0) + "–" + range.get(1) + ")";
  }

  static Scenario shortened(Scenario s, long maxMs) {
    long duration = Math.min(s.durationMs(), maxMs);
    List<Scenario.TimedAction> events = s.events().stream().filter(e -> e.atMs() <= duration).toList();
    return new Scenario(s.source(), s.name(), s.description(), s.seed(), duration, s.network(), s.links(),
        s.settleMs(), s.topologies(), events, List.of());
  }

  private static List<Detection> detections(RunResult r) {
    List<Detection> detections = new ArrayList<>();
    for (TraceEvent e : r.events()) {
      if (e.is(EventKind.ALARM_RAISED) || e.is(EventKind.ALARM_CLEARED)) {
        detections.add(new Detection(e.tMs(), e.node(), e.is(EventKind.ALARM_RAISED)));
      }
    }
    return sorted(detections);
  }

  private static List<Detection> sorted(List<Detection> detections) {
    List<Detection> copy = new ArrayList<>(detections);
    Collections.sort(copy);
    return copy;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** The JVM's peak resident set (VmHWM) so far, from /proc; 0 where there is no /proc. */
  private static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (Exception ignored) {
      // not Linux
    }
    return 0;
  }

  static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
  }

  private static String seconds(long ms) {
    return ms / 1000 + " s";
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
