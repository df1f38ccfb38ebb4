package dev.hasim.cluster.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.report.ReportJson;
import dev.hasim.report.ReportMarkdown;
import dev.hasim.report.html.ReportHtml;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run judged on the coordinator from the trace a worker sent is the run judged where it ran: every report
 * byte, model file and verdict, for every shipped scenario (the 1k–100k node workloads aside: the same code,
 * only slower).
 */
class RunJobsTest {
  private static final Path SHIPPED = Path.of("../../sim-scenarios");
  private final RunJobs jobs = new RunJobs(ScenarioLoader.withInstalledModels());

  static Stream<Path> shippedScenarios() throws Exception {
    try (Stream<Path> files = Files.walk(SHIPPED)) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> !List.of("bench", "scale").contains(f.getParent().getFileName().toString())).sorted()
          .toList();
      assertTrue(all.size() >= 20, "the shipped scenarios are where this test expects them: " + all);
      return all.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedScenarios")
  void aRunJudgedFromItsShippedTraceReportsExactlyAsTheLocalRun(Path file) throws Exception {
    RunJobs.Spec spec = jobs.decodeSpec(jobs.encodeSpec(RunJobs.Spec.of(file, 3L)));
    RunResult remote = jobs.decodeOutcome(spec, jobs.execute(spec));
    RunResult local = withStats(ScenarioRunner.run(ScenarioLoader.withInstalledModels().load(file),
        ScenarioRunner.Options.defaults().withSeed(3L)), remote.stats());

    assertEquals(local.traceSha256(), remote.traceSha256());
    assertEquals(local.verdict(), remote.verdict());
    assertEquals(ReportJson.render(local), ReportJson.render(remote));
    assertEquals(ReportMarkdown.render(local), ReportMarkdown.render(remote));
    assertEquals(ReportHtml.render(local, "../docs"), ReportHtml.render(remote, "../docs"));
    assertEquals(local.files(), remote.files());
    assertEquals(local.fileNotes(), remote.fileNotes());
    assertEquals(local.diagnoses(), remote.diagnoses());
    assertEquals(local.reproduce(), remote.reproduce());
  }

  @Test
  void withoutASeedTheScenarioRunsUnderItsOwnAsCheckRunsIt() throws Exception {
    Path file = SHIPPED.resolve("ipfe/mate-link-loss.yaml");
    RunJobs.Spec spec = RunJobs.Spec.of(file, null);
    RunResult remote = jobs.decodeOutcome(spec, jobs.execute(spec));
    assertEquals(7, remote.seed(), "the file says seed: 7");
    assertEquals(ScenarioRunner.run(ScenarioLoader.withInstalledModels().load(file),
        ScenarioRunner.Options.defaults()).traceSha256(), remote.traceSha256());
    assertEquals(file.toString(), jobs.describe(spec));
    assertEquals(file + " seed 4", jobs.describe(RunJobs.Spec.of(file, 4L)));
  }

  @Test
  void aCorruptOutcomeIsAnErrorNotAWrongResult() throws Exception {
    RunJobs.Spec spec = RunJobs.Spec.of(SHIPPED.resolve("ipfe/mate-link-loss.yaml"), 1L);
    byte[] outcome = jobs.execute(spec);
    byte[] truncated = java.util.Arrays.copyOf(outcome, outcome.length / 2);
    assertThrows(RuntimeException.class, () -> jobs.decodeOutcome(spec, truncated));
  }

  private static RunResult withStats(RunResult r, RunResult.Stats stats) {
    return new RunResult(r.scenario(), r.seed(), r.realtime(), r.events(), r.traceJsonl(), r.traceSha256(),
        r.expectations(), r.violations(), r.convergence(), r.finalState(), r.diagnoses(), r.files(), stats,
        r.fileNotes());
  }
}
