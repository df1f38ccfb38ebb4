package dev.hasim.report;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.run.RunResult;

/** {@code report.md}: the verdict, then what was expected and found, then the story in sentences with rule IDs. */
public final class ReportMarkdown {
  /** The story lists at most this many events; trace.jsonl has them all. */
  static final int MAX_STORY_LINES = 2000;

  private ReportMarkdown() {}

  public static String render(RunResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(r.scenario().name()).append(" — ").append(r.verdict()).append("\n\n");
    if (!r.scenario().description().isEmpty()) {
      md.append(r.scenario().description()).append("\n\n");
    }
    md.append("- Seed: `").append(r.seed()).append("` — reproduce with `").append(r.reproduce()).append("`\n");
    md.append("- Mode: ").append(r.realtime() ? "real time (wall clock, not deterministic)" : "simulation (virtual time)")
        .append("; duration ").append(Narrative.time(r.scenario().durationMs())).append("; ")
        .append(r.stats().nodes()).append(" nodes\n");
    md.append("- Trace: ").append(Narrative.count(r.events().size(), "event")).append(", SHA-256 `").append(r.traceSha256())
        .append("`\n\n");

    md.append("## Expectations\n\n");
    if (r.expectations().isEmpty()) {
      md.append("The scenario states none; invariants are still checked.\n\n");
    } else {
      md.append("| | expectation | finding |\n|---|---|---|\n");
      for (RunResult.ExpectationResult e : r.expectations()) {
        md.append("| ").append(e.ok() ? "✅" : "❌").append(" | `").append(cell(e.expect())).append("`")
            .append(e.where() == null ? "" : " (" + cell(e.where()) + ")").append(" | ")
            .append(cell(e.detail())).append(" |\n");
      }
      md.append('\n');
    }

    md.append("## Invariants\n\n");
    if (r.violations().isEmpty()) {
      md.append("Every invariant held throughout.\n\n");
    } else {
      for (Violation v : r.violations()) {
        boolean expected = !r.unexpectedViolations().contains(v);
        md.append("- ").append(expected ? "(expected) " : "**VIOLATED** ").append('`').append(v.invariant())
            .append("` at ").append(Narrative.time(v.tMs())).append(" (broken since ")
            .append(Narrative.time(v.sinceMs())).append(") — ").append(v.subject()).append(": ")
            .append(v.detail()).append(". Started after: ").append(v.cause()).append('\n');
      }
      md.append('\n');
    }

    md.append("## Convergence\n\n");
    md.append("Settled means: no role, state, priority or alarm change for the fault's settle window (twice the ")
        .append("detection period of the models it touches, unless the scenario sets `convergence.settle`), no ")
        .append("invariant breached, every model's stable predicate true. A fault is measured up to the next one.\n\n");
    if (r.convergence().isEmpty()) {
      md.append("No faults were injected.\n\n");
    } else {
      md.append("| fault | injected | window | first reaction | settled | took |\n|---|---|---|---|---|---|\n");
      for (Convergence.Result c : r.convergence()) {
        md.append("| ").append(cell(c.fault())).append(" | ").append(Narrative.time(c.injectedMs())).append(" | ")
            .append(Narrative.time(c.settleMs())).append(" | ")
            .append(c.detectedMs() == null ? "none" : Narrative.time(c.detectedMs())).append(" | ")
            .append(c.convergedMs() != null ? Narrative.time(c.convergedMs()) + (c.nextFaultMs() == null ? ""
                    : ", quiet until the next fault at " + Narrative.time(c.nextFaultMs()))
                : c.interrupted() ? "**interrupted** by the next fault at " + Narrative.time(c.nextFaultMs())
                : c.stableSinceMs() != null ? "stable since " + Narrative.time(c.stableSinceMs()) + ", window cut short by the end"
                : "**never**").append(" | ")
            .append(c.convergedMs() == null ? "—" : (c.convergedMs() - c.injectedMs()) + " ms").append(" |\n");
      }
      md.append('\n');
    }

    if (!r.diagnoses().isEmpty()) {
      md.append("## Diagnosis\n\n");
      r.diagnoses().forEach(d -> md.append("- ").append(d).append('\n'));
      md.append('\n');
    }
    if (!r.files().isEmpty()) {
      md.append("## Files\n\n");
      r.files().forEach((path, content) -> md.append("- `").append(path).append("` (")
          .append(Narrative.count(content.length(), "byte")).append(")")
          .append(r.fileNotes().containsKey(path) ? ": " + r.fileNotes().get(path) : "").append('\n'));
      md.append('\n');
    }

    md.append("## Final state\n\n").append(Monitor.table(r.finalState()));

    md.append("\n## What happened\n\n");
    int lines = 0;
    for (TraceEvent e : r.events()) {
      if (e.is(dev.hasim.kernel.trace.EventKind.VIEW)) {
        continue; // beliefs are in the monitor tables; the story tells decisions and their effects
      }
      if (lines++ == MAX_STORY_LINES) {
        md.append("- … ").append(r.events().size() - MAX_STORY_LINES).append(" more events in trace.jsonl\n");
        break;
      }
      md.append("- ").append(Narrative.time(e.tMs())).append(" — ").append(Narrative.sentence(e)).append('\n');
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
