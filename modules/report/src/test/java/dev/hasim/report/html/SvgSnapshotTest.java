package dev.hasim.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hasim.ipfe.IpfePlugin;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drawings of a small fixed scenario, compared with committed snapshots. A deliberate change to the
 * drawing is accepted with {@code mvn verify -Dhasim.updateSnapshots=true}, and the new snapshot reviewed in
 * the diff.
 */
class SvgSnapshotTest {
  static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");
  static final String SCENARIO = """
      name: snapshot
      seed: 3
      duration: 6s
      topology:
        ipfe:
          - servers: [IPFE-A1, IPFE-A2]
      events:
        - {at: 2s, cut: [IPFE-A1, IPFE-A2]}
        - {at: 4s, heal: [IPFE-A1, IPFE-A2]}
      """;

  private static RunResult run() throws Exception {
    return ScenarioRunner.run(new ScenarioLoader(List.of(new IpfePlugin())).parse("snapshot.yaml", SCENARIO),
        ScenarioRunner.Options.defaults());
  }

  @Test
  void swimlanesOfASmallScenarioMatchTheSnapshot() throws Exception {
    RunResult r = run();
    String svg = pretty(Swimlanes.render(r, ReportHtml.groups(r)));
    assertTrue(svg.contains("class=\"fault-band\""), "the cut is drawn");
    assertTrue(svg.contains("class=\"alarm-raised\"") && svg.contains("class=\"alarm-cleared\""));
    matchesSnapshot("swimlanes-small.svg", svg);
  }

  @Test
  void sequenceDiagramsOfASmallScenarioMatchTheSnapshot() throws Exception {
    RunResult r = run();
    String svg = pretty(SequenceDiagrams.render(r, r.scenario().nodeNames()));
    assertTrue(svg.contains("class=\"msg dropped\""), "dropped heartbeats are drawn as such");
    matchesSnapshot("sequence-small.svg", svg);
  }

  /** Issue 19: a label at the run's right edge ("never settled", "stable since …") is drawn inside the plot. */
  @Test
  void aConvergenceLabelAtTheRightEdgeIsNotCut() throws Exception {
    RunResult r = ScenarioRunner.run(new ScenarioLoader(List.of(new IpfePlugin())).parse("edge.yaml",
        SCENARIO.replace("{at: 4s, heal: [IPFE-A1, IPFE-A2]}", "{at: 5900ms, heal: [IPFE-A1, IPFE-A2]}")),
        ScenarioRunner.Options.defaults());
    String svg = pretty(Swimlanes.render(r, ReportHtml.groups(r)));
    List<String> labels = svg.lines().filter(l -> l.contains("class=\"convergence-label\"")).toList();
    assertTrue(labels.stream().anyMatch(l -> l.contains("text-anchor=\"end\"") && l.contains("data-t-ms=\"6000\"")),
        "the last fault's label ends at its bracket instead of running off the edge: " + labels);
  }

  /** One element per line, so a snapshot diff shows what moved. */
  static String pretty(String markup) {
    return markup.replace("><", ">\n<") + "\n";
  }

  private static void matchesSnapshot(String name, String actual) throws Exception {
    Path file = SNAPSHOTS.resolve(name);
    if (Boolean.getBoolean("hasim.updateSnapshots")) {
      Files.createDirectories(SNAPSHOTS);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail("no snapshot " + file + "; create it with -Dhasim.updateSnapshots=true and review it");
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
        name + " changed; if on purpose, run with -Dhasim.updateSnapshots=true and review the diff");
  }
}
