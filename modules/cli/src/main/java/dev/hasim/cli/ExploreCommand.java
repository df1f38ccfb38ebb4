package dev.hasim.cli;

import dev.hasim.cluster.ClusterException;
import dev.hasim.explore.ExploreJson;
import dev.hasim.explore.Explorer;
import dev.hasim.explore.Template;
import dev.hasim.report.ReportWriter;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    description = {
        "Searches fault schedules for safety and liveness bugs in the models of a template scenario.",
        "The template's topology and network are kept; each schedule's faults and operator actions are generated",
        "from one root seed (swarm testing, swizzle-clogging, times near the models' timer boundaries). A safety",
        "phase (faults active; invariants after every instant, safety properties over the run) is followed by a",
        "liveness phase (everything healed and started; the models' settled properties must hold within the bound",
        "the models derive from their timers). Each property broken is shrunk to a minimal scenario file under",
        "<out>/minimal/ with its report beside it; <out>/explore.json has the counts and the rule coverage.",
        ""},
    footer = {"",
        "Exit codes: 0 nothing found; 1 a property or invariant was broken (see <out>/minimal/); 2 bad input.",
        "Same template, seed and budget: the same explore.json, whatever --jobs (not so with --time).",
        "Example: ./hasim explore sim-scenarios/cwm/primary-graceful-shutdown.yaml --budget 2000"})
final class ExploreCommand implements Callable<Integer> {
  private static final Pattern TIME = Pattern.compile("(\\d+)(s|m|h)");

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "TEMPLATE", description = "A scenario file whose topology is explored.")
  Path template;

  @Option(names = "--budget", paramLabel = "N", description = "Number of schedules (default 1000 unless --time).")
  Integer budget;

  @Option(names = "--time", paramLabel = "T", description = "Search for this long instead, e.g. 10m, 90s, 1h.")
  String time;

  @Option(names = "--jobs", paramLabel = "N", description = "Schedules side by side (default: one per core).")
  Integer jobs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--cluster", paramLabel = "HOST:PORT",
      description = "Coordinate a cluster on HOST:PORT (e.g. 127.0.0.1:25520) and run the schedules on the workers "
          + "that join (hasim worker --join HOST:PORT); the same explore.json. Shrinking runs here. See docs/cluster.md.")
  String cluster;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/explore/<template>).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (budget != null && time != null) {
      err.println("hasim explore: give --budget or --time, not both");
      return Main.BAD_INPUT;
    }
    if (budget != null && budget < 1) {
      err.println("hasim explore: --budget: expected a positive number of schedules, found " + budget);
      return Main.BAD_INPUT;
    }
    Long timeLimitMs = null;
    if (time != null) {
      Matcher m = TIME.matcher(time.strip());
      if (!m.matches()) {
        err.println("hasim explore: --time: expected a duration like 90s, 10m or 1h, found \"" + time + "\"");
        return Main.BAD_INPUT;
      }
      timeLimitMs = Long.parseLong(m.group(1)) * switch (m.group(2)) {
        case "s" -> 1000L;
        case "m" -> 60_000L;
        default -> 3_600_000L;
      };
    }
    Integer effectiveBudget = budget == null && time == null ? Integer.valueOf(1000) : budget;
    int threads = jobs == null ? Parallel.defaultJobs() : Math.max(1, jobs);
    Template parsed;
    try {
      parsed = Template.parse(template.toString(), Files.readString(template), ScenarioLoader.withInstalledModels());
    } catch (NoSuchFileException e) {
      err.println("hasim explore: no such file: " + template);
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println("hasim explore: cannot read " + template + ": " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    }
    Path folder = out != null ? out : Path.of("reports", "explore", parsed.name());
    Explorer explorer = new Explorer(parsed);
    stdout.printf(Locale.ROOT, "explore %s  seed %d  %s  jobs %d%n", template, seed,
        effectiveBudget != null ? "budget " + effectiveBudget : "time " + time, threads);
    stdout.printf(Locale.ROOT, "  safety phase 0..%s, liveness from %s, judged at %s (bound: %s)%n",
        seconds(explorer.generator().healAtMs()), seconds(explorer.generator().healAtMs()),
        seconds(explorer.generator().durationMs()), parsed.livenessBoundWhy());
    parsed.faultInvariants().forEach((name, why) ->
        stdout.printf(Locale.ROOT, "  %s not counted: %s%n", name, why));
    boolean tty = System.console() != null;
    Explorer.Progress progress = new Explorer.Progress() {
      public synchronized void searched(int schedules, int failures, int properties, long wallMs) {
        String line = String.format(Locale.ROOT, "  %d schedules  %.1f/s  %d failed  %d properties violated",
            schedules, wallMs == 0 ? 0.0 : schedules * 1000.0 / wallMs, failures, properties);
        if (tty) {
          err.print("\r" + line + "   ");
        } else {
          err.println(line);
        }
        err.flush();
      }

      public synchronized void shrinking(String property) {
        err.println((tty ? "\n" : "") + "  shrinking " + property + " …");
      }
    };
    Sweep sweep = Sweep.open("explore", cluster, threads, err);
    if (sweep == null) {
      return Main.BAD_INPUT;
    }
    Explorer.Summary summary;
    try (sweep) {
      summary = explorer.explore(new Explorer.Settings(seed, effectiveBudget, timeLimitMs, threads, folder),
          progress, sweep.schedules(template));
      ReportWriter.writeAtomically(folder.resolve("explore.json"), ExploreJson.render(summary, explorer));
    } catch (IOException e) {
      err.println("hasim explore: cannot write under " + folder + ": " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.FAIL;
    } catch (ClusterException e) {
      err.println("hasim explore: " + e.getMessage());
      return Main.FAIL;
    }
    if (tty) {
      err.println();
    }
    stdout.printf(Locale.ROOT, "%s  %d schedules in %.1f s (%.1f/s on %d jobs), %d failed%n",
        summary.findings().isEmpty() ? "PASS" : "FAIL", summary.schedules(), summary.wallMs() / 1000.0,
        summary.wallMs() == 0 ? 0.0 : summary.schedules() * 1000.0 / summary.wallMs(), threads,
        summary.failedSchedules());
    for (Explorer.Finding f : summary.findings()) {
      stdout.printf(Locale.ROOT, "  %-24s %s  %d schedules, first #%d%n", f.property(), f.phase(), f.failures(),
          f.firstSchedule());
      stdout.printf(Locale.ROOT, "    %s%n", f.detail());
      stdout.printf(Locale.ROOT, "    minimal: %s  (%d events, %s, trace %s)%n", f.minimalFile(), f.minimalEvents(),
          f.minimalVerdict(), f.minimalTraceSha256().substring(0, 16));
      stdout.printf(Locale.ROOT, "    report:  %s/report.html%n", f.report());
    }
    for (var flag : parsed.flags()) {
      stdout.printf(Locale.ROOT, "  documented outcome %s (%s, not a failure): %d schedules%n", flag.name(),
          flag.rule(), summary.flagged().getOrDefault(flag.name(), 0));
    }
    stdout.printf(Locale.ROOT, "  coverage: %s%n", coverageLine(summary, parsed));
    stdout.printf(Locale.ROOT, "  explore.json: %s%n", folder.resolve("explore.json"));
    return summary.findings().isEmpty() ? Main.PASS : Main.FAIL;
  }

  private static String coverageLine(Explorer.Summary s, Template t) {
    StringBuilder line = new StringBuilder();
    for (String rule : t.rules()) {
      line.append(rule).append('=').append(s.coverage().getOrDefault(rule, 0)).append(' ');
    }
    return line.toString().strip();
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
