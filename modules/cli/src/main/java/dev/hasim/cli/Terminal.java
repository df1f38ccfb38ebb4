package dev.hasim.cli;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What a person sees while and after a run: progress on stderr, the summary on stdout. */
final class Terminal {
  private static final long TTY_REFRESH_NS = 200_000_000L;
  private static final long PLAIN_REFRESH_NS = 10_000_000_000L;

  private Terminal() {}

  /**
   * A progress bar with virtual time and events per second on a terminal; a plain line every 10 s otherwise
   * (CI logs). Silent for runs that finish before the first refresh.
   */
  static ActorRuntime.Progress progress(PrintWriter err, String name) {
    boolean tty = System.console() != null;
    long start = System.nanoTime();
    long[] last = {start};
    return (nowMs, endMs, tasksRun) -> {
      long now = System.nanoTime();
      boolean done = nowMs >= endMs;
      if (now - last[0] < (tty ? TTY_REFRESH_NS : PLAIN_REFRESH_NS) && !(done && tty && last[0] != start)) {
        return;
      }
      last[0] = now;
      double wallS = (now - start) / 1e9;
      int percent = endMs == 0 ? 100 : (int) (100 * nowMs / endMs);
      String text = progressText(name, nowMs, endMs, wallS, tasksRun);
      if (tty) {
        int filled = percent / 5;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + text + (done ? "\n" : ""));
      } else {
        err.println(text);
      }
      err.flush();
    };
  }

  /** One progress line. A wall-clock run has no scheduler to count events (0): no rate, not "0 events/s". */
  static String progressText(String name, long nowMs, long endMs, double wallS, long tasksRun) {
    int percent = endMs == 0 ? 100 : (int) (100 * nowMs / endMs);
    double rate = wallS > 0 ? tasksRun / wallS : 0;
    return String.format(Locale.ROOT, "%s %3d%% virtual %s of %s, %.1f s wall", name, percent,
        Narrative.time(nowMs), Narrative.time(endMs), wallS)
        + (tasksRun > 0 ? String.format(Locale.ROOT, ", %,.0f events/s", rate) : "");
  }

  static void summary(PrintWriter out, RunResult r, Path reportFolder) {
    long passed = r.expectations().stream().filter(RunResult.ExpectationResult::ok).count();
    out.printf(Locale.ROOT, "%s  %s  seed %d  %s virtual in %.2f s wall  (%s, %s, %s)%n",
        r.verdict(), r.scenario().name(), r.seed(), Narrative.time(r.scenario().durationMs()),
        r.stats().wallMs() / 1000.0, Narrative.count(r.stats().nodes(), "node"),
        Narrative.count(r.events().size(), "trace event"), Narrative.count(r.stats().messagesSent(), "message"));
    out.printf("  expectations: %d/%d hold%n", passed, r.expectations().size());
    for (RunResult.ExpectationResult e : r.expectations()) {
      if (!e.ok()) {
        out.println("    FAILED " + e.failure());
      }
    }
    if (r.violations().isEmpty()) {
      out.println("  invariants: all held");
    } else {
      for (Violation v : r.violations()) {
        boolean expected = !r.unexpectedViolations().contains(v);
        out.println("  invariant " + v.invariant() + (expected ? " violated (expected)" : " VIOLATED") + " at "
            + Narrative.time(v.tMs()) + ": " + v.subject() + ": " + v.detail());
      }
    }
    int shown = 0;
    for (Convergence.Result c : r.convergence()) {
      if (shown++ == 10) {
        out.println("  … " + (r.convergence().size() - 10) + " more faults in the report");
        break;
      }
      out.println("  fault at " + Narrative.time(c.injectedMs()) + " " + c.fault() + " → " + c.outcome(Narrative::time));
    }
    out.println("  trace sha256 " + r.traceSha256());
    if (reportFolder != null) {
      out.println("  report: " + reportFolder.resolve("report.html") + "  (also report.md, report.json, trace.jsonl)");
    }
    out.println("  reproduce: ./" + r.reproduce());
    out.flush();
  }
}
