package dev.hasim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explore end to end on the planted-bug model (small budgets: the default test run stays fast). */
class ExploreTest {
  static final String TEMPLATE = """
      name: watchers
      duration: 20s
      network: {latency: 2ms, jitter: 5ms}
      topology:
        watchers: [w1, w2, w3]
      events:
        - {at: 1s, crash: w1}
      expect:
        - {at: 2s, state: {node: w1, is: NORMAL}}
      """;

  private static Explorer.Summary explore(Path out, int budget, int jobs) throws Exception {
    Template template = Template.parse("watchers.yaml", TEMPLATE, ScenarioLoader.withInstalledModels());
    Explorer explorer = new Explorer(template);
    Explorer.Summary summary = explorer.explore(new Explorer.Settings(42, budget, null, jobs, out, 150),
        Explorer.Progress.NONE);
    Files.writeString(out.resolve("explore.json"), ExploreJson.render(summary, explorer));
    return summary;
  }

  @Test
  void findsThePlantedBugAndShrinksItToAFileThatReproducesIt(@TempDir Path dir) throws Exception {
    Explorer.Summary s = explore(dir, 40, 2);
    Explorer.Finding f = s.findings().stream().filter(x -> x.property().equals(PlantedBugModel.ALL_NORMAL))
        .findFirst().orElseThrow(() -> new AssertionError("explore missed the planted bug: " + s.findings()));
    assertTrue(f.minimalEvents() <= 4, "a cut or a crash long enough, and what the liveness phase needs: "
        + Files.readString(f.minimalFile()));
    // The file is an ordinary scenario: hasim run gives the same verdict and trace.
    Scenario scenario = ScenarioLoader.withInstalledModels().load(f.minimalFile());
    RunResult again = ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults());
    assertEquals(RunResult.Verdict.FAIL, again.verdict());
    assertEquals(f.shrunkTraceSha256(), again.traceSha256());
    assertTrue(Files.readString(f.minimalFile()).contains("# Violated: all-normal"));
    assertTrue(Files.isRegularFile(f.report().resolve("report.html")), "the minimal run's report beside it");
    assertTrue(s.coverage().getOrDefault("W-3", 0) > 0, "coverage counts the bug's rule");
  }

  @Test
  void theSameTemplateSeedAndBudgetGiveTheSameExploreJsonWhateverTheJobs(@TempDir Path dir) throws Exception {
    explore(dir.resolve("a"), 25, 1);
    explore(dir.resolve("b"), 25, 2);
    explore(dir.resolve("c"), 25, 2);
    String a = Files.readString(dir.resolve("a/explore.json"));
    assertEquals(a, Files.readString(dir.resolve("b/explore.json")));
    assertEquals(a, Files.readString(dir.resolve("c/explore.json")));
    assertTrue(a.contains("\"schedules\" : 25"), a);
  }

  @Test
  void schedulesComeFromTheSeedAlone() throws Exception {
    Template template = Template.parse("watchers.yaml", TEMPLATE, ScenarioLoader.withInstalledModels());
    Generator g = new Generator(template);
    assertEquals(g.generate(5), g.generate(5));
    assertFalse(g.generate(5).equals(g.generate(6)));
    for (long seed = 0; seed < 200; seed++) {
      Schedule s = g.generate(seed);
      assertTrue(s.faults().stream().allMatch(e -> e.atMs() > 0 && e.atMs() < s.healAtMs()), s.toString());
      assertEquals(4, s.events().stream().filter(Schedule.Event::liveness).count(), "heal all, start each");
    }
  }

  @Test
  void theTemplatesEventsAndExpectationsAreReplacedItsTopologyKept() throws Exception {
    Template template = Template.parse("watchers.yaml", TEMPLATE, ScenarioLoader.withInstalledModels());
    String text = ScheduleRun.text(template, new Generator(template).generate(3));
    assertFalse(text.contains("crash: w1}\n  - {at: 2s"), text);
    assertTrue(text.contains("watchers: [w1, w2, w3]"));
    assertTrue(text.contains("network: {latency: 2ms, jitter: 5ms}"));
    assertTrue(text.contains("property: all-normal"));
  }
}
