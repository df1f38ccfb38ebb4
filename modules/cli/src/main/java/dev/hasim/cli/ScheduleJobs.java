package dev.hasim.cli;

import dev.hasim.cluster.RecordJobKind;
import dev.hasim.explore.ScheduleRun;

/**
 * Explore's cluster job: one generated schedule of a template, run and judged on a worker. The outcome is a
 * pure function of (template text, schedule seed), so whichever worker runs it, and however often, the
 * coordinator counts the same result (duplicates are dropped by job id).
 */
final class ScheduleJobs extends RecordJobKind<ScheduleJobs.Spec, ScheduleRun.Outcome> {
  record Spec(String templateFile, String templateText, long scheduleSeed) {}

  ScheduleJobs() {
    super("schedule", Spec.class, ScheduleRun.Outcome.class);
  }

  @Override
  protected ScheduleRun.Outcome run(Spec spec) throws Exception {
    return ScheduleRun.run(spec.templateFile(), spec.templateText(), spec.scheduleSeed());
  }
}
