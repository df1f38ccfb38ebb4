package dev.hasim.explore;

import dev.hasim.kernel.Seeds;
import dev.hasim.report.ReportWriter;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.scenario.spi.Property;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The search: schedule {@code i} has seed {@code Seeds.derive(root, "schedule/" + i)}; schedules run side by
 * side ({@code jobs}) but are judged in index order, so the outcome of a budget does not depend on the number
 * of jobs. For each property broken, the lowest-numbered failing schedule is shrunk, written as a scenario file
 * and run once more, with its report beside it.
 */
public final class Explorer {
  /** Shrinking stops after this many runs per property. */
  static final int SHRINK_RUNS = 400;

  /** {@code shrinkRuns}: at most this many runs to shrink each broken property. */
  public record Settings(long seed, Integer budget, Long timeLimitMs, int jobs, Path out, int shrinkRuns) {
    public Settings(long seed, Integer budget, Long timeLimitMs, int jobs, Path out) {
      this(seed, budget, timeLimitMs, jobs, out, SHRINK_RUNS);
    }
  }

  /** Progress as the search goes: schedules done, failures, distinct properties, wall ms. */
  public interface Progress {
    void searched(int schedules, int failures, int properties, long wallMs);

    void shrinking(String property);

    Progress NONE = new Progress() {
      public void searched(int schedules, int failures, int properties, long wallMs) {}

      public void shrinking(String property) {}
    };
  }

  /** A property broken by the search and its minimal scenario. */
  public record Finding(String property, String rule, String phase, String statement, int failures,
      int firstSchedule, long scheduleSeed, String detail, Path minimalFile, int minimalEvents, int shrinkRuns,
      String minimalVerdict, String minimalTraceSha256, String shrunkTraceSha256, Path report) {}

  public record Summary(Template template, Settings settings, int schedules, int failedSchedules,
      Map<String, Integer> failuresByProperty, Map<String, Integer> coverage, Map<String, Integer> flagged,
      List<Finding> findings, long wallMs) {}

  private final Template template;
  private final Generator generator;

  public Explorer(Template template) {
    this.template = template;
    this.generator = new Generator(template);
  }

  public static long scheduleSeed(long root, int index) {
    return Seeds.derive(root, "schedule/" + index);
  }

  public Generator generator() {
    return generator;
  }

  /**
   * Runs schedules elsewhere (a cluster's workers), by their seeds, answering in the order asked: the search
   * then goes batch by batch, judged in index order as locally, so explore.json is the same either way.
   */
  public interface RemoteSchedules {
    List<ScheduleRun.Outcome> run(List<Long> scheduleSeeds);
  }

  /** Schedules a remote search hands out at once: enough to keep every worker busy between two batches. */
  static final int REMOTE_BATCH = 64;

  public Summary explore(Settings settings, Progress progress) throws IOException, InterruptedException {
    return explore(settings, progress, null);
  }

  /** As {@link #explore(Settings, Progress)}, the search's schedules run by {@code remote} unless it is null. */
  public Summary explore(Settings settings, Progress progress, RemoteSchedules remote)
      throws IOException, InterruptedException {
    long wallStart = System.nanoTime();
    int jobs = Math.max(1, settings.jobs());
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "hasim-explore");
      t.setDaemon(true);
      return t;
    });
    Map<String, Integer> failures = new TreeMap<>();
    Map<String, Integer> coverage = new TreeMap<>();
    Map<String, Integer> flagged = new TreeMap<>();
    Map<String, Integer> firstFailure = new TreeMap<>();
    Map<String, String> firstDetail = new TreeMap<>();
    int schedules = 0;
    int failedSchedules = 0;
    try {
      List<Future<ScheduleRun.Outcome>> window = new ArrayList<>();
      int next = 0;
      long lastProgress = System.nanoTime();
      while (true) {
        boolean timeUp = settings.timeLimitMs() != null
            && (System.nanoTime() - wallStart) / 1_000_000 >= settings.timeLimitMs();
        boolean budgetDone = settings.budget() != null && next >= settings.budget();
        if (remote != null && window.isEmpty() && !timeUp && !budgetDone) {
          List<Long> batch = new ArrayList<>();
          while (batch.size() < REMOTE_BATCH && (settings.budget() == null || next < settings.budget())) {
            batch.add(scheduleSeed(settings.seed(), next++));
          }
          remote.run(batch).forEach(o -> window.add(CompletableFuture.completedFuture(o)));
          budgetDone = settings.budget() != null && next >= settings.budget();
        }
        while (remote == null && !timeUp && !budgetDone && window.size() < 2 * jobs) {
          long seed = scheduleSeed(settings.seed(), next++);
          window.add(pool.submit(() -> ScheduleRun.run(template, generator.generate(seed))));
          budgetDone = settings.budget() != null && next >= settings.budget();
        }
        if (window.isEmpty()) {
          break;
        }
        ScheduleRun.Outcome outcome = window.remove(0).get();
        int index = schedules++;
        outcome.rules().forEach((rule, n) -> coverage.merge(rule, n, Integer::sum));
        outcome.flagged().forEach(name -> flagged.merge(name, 1, Integer::sum));
        if (!outcome.failed().isEmpty()) {
          failedSchedules++;
          for (String p : outcome.failed()) {
            failures.merge(p, 1, Integer::sum);
            firstFailure.putIfAbsent(p, index);
            firstDetail.putIfAbsent(p, outcome.details().get(p));
          }
        }
        if (System.nanoTime() - lastProgress > 1_000_000_000L) {
          lastProgress = System.nanoTime();
          progress.searched(schedules, failedSchedules, failures.size(), (lastProgress - wallStart) / 1_000_000);
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
    progress.searched(schedules, failedSchedules, failures.size(), (System.nanoTime() - wallStart) / 1_000_000);

    // Shrink each broken property's first failing schedule, side by side; results kept in property order.
    Map<String, Future<Finding>> shrinking = new LinkedHashMap<>();
    for (String p : firstFailure.keySet()) {
      int index = firstFailure.get(p);
      int count = failures.get(p);
      String detail = firstDetail.get(p);
      shrinking.put(p, pool.submit(() -> {
        progress.shrinking(p);
        return shrinkAndWrite(p, index, scheduleSeed(settings.seed(), index), count, detail, settings.out(),
            settings.shrinkRuns());
      }));
    }
    List<Finding> findings = new ArrayList<>();
    try {
      for (Future<Finding> f : shrinking.values()) {
        findings.add(f.get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Summary(template, settings, schedules, failedSchedules, failures, coverage, flagged, findings,
        (System.nanoTime() - wallStart) / 1_000_000);
  }

  private Finding shrinkAndWrite(String property, int index, long seed, int count, String detail, Path out,
      int shrinkRuns) throws IOException, ScenarioException {
    Schedule failing = generator.generate(seed);
    ScheduleRun.Outcome outcome = ScheduleRun.run(template, failing);
    Shrinker.Result shrunk = new Shrinker(s -> ScheduleRun.run(template, s), property, shrinkRuns)
        .shrink(failing, outcome);
    Minimal minimal = Minimal.of(template, property, index, shrunk, detail);
    Path dir = out.resolve("minimal");
    Path file = dir.resolve(minimal.name() + ".yaml");
    ReportWriter.writeAtomically(file, minimal.text());
    // Re-run the file exactly as `hasim run` would, and write its report beside it.
    Scenario scenario = ScenarioLoader.withInstalledModels().load(file);
    RunResult result = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
    Path report = ReportWriter.write(result, dir);
    Property p = template.properties().get(property);
    return new Finding(property, p == null ? "invariant" : p.rule(),
        p == null ? "SAFETY (invariant)" : p.phase().name(), p == null ? "invariant " + property
            : p.statement(), count, index, seed, shrunk.outcome().details().get(property), file,
        shrunk.schedule().events().size(), shrunk.runs(), result.verdict().name(), result.traceSha256(),
        shrunk.outcome().traceSha256(), report);
  }

  /** Properties and invariants of the template with their rule and phase, for explore.json. */
  Map<String, String[]> catalogue() {
    Map<String, String[]> all = new TreeMap<>();
    for (Property p : template.properties().values()) {
      all.put(p.name(), new String[] {p.rule(), p.phase().name(), p.statement()});
    }
    Set<String> invariants = ScheduleRun.invariantNames(template);
    for (String i : invariants) {
      all.putIfAbsent(i, new String[] {"invariant", "SAFETY (invariant)", "invariant " + i
          + ", checked after every instant"});
    }
    return all;
  }

}
