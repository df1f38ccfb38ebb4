package dev.hasim.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.mgc.MgcPlugin;
import dev.hasim.report.html.ReportHtml;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 19 item 5: an MGC report shows the POM states, the links going down, and why a log is empty. */
class MgcReportTest {
  private static RunResult shipped(String file) throws Exception {
    return ScenarioRunner.run(new ScenarioLoader(List.of(new MgcPlugin()))
        .load(ReportFixtures.SCENARIOS.resolve("mgc/" + file)), ScenarioRunner.Options.defaults());
  }

  @Test
  void theTimelineNamesThePomStatesUnderTheRole() throws Exception {
    String html = ReportHtml.render(shipped("prov-sync.yaml"), null);
    assertTrue(html.contains("<title>mgc-01: ACTIVE · READY from "), "the POM state beside the role");
    assertTrue(html.contains("<title>mgc-01: ACTIVE · PEER_WAIT from 40.000 s"), "the active waits for its peer");
    assertTrue(Pattern.compile("<title>mgc-0[12]: (ACTIVE|STANDBY) · (PEER_WAIT|XFER_WAIT|[A-Z_]+) from ")
        .matcher(html).results().map(m -> m.group(2)).anyMatch(s -> !s.equals("READY")),
        "a busy POM state (PEER_WAIT, XFER_WAIT …) is its own segment");
  }

  @Test
  void anEmptyPlatformLogIsExplainedAndALinkGoingDownIsPartOfTheStory() throws Exception {
    RunResult sync = shipped("prov-sync.yaml");
    String html = ReportHtml.render(sync, null);
    assertTrue(html.contains("mgc-01/platform.log</a> (0 bytes): empty: POM on mgc-01 logs at Error and above"),
        "the Files section says why the active's log is empty");
    String md = ReportMarkdown.render(sync);
    assertTrue(md.contains("- `mgc-01/platform.log` (0 bytes): empty: POM on mgc-01"), md);

    String cut = ReportHtml.render(shipped("both-links-cut.yaml"), null);
    int story = cut.indexOf("<h2>What happened</h2>");
    assertTrue(cut.indexOf("link1 to mgc-01 is down (link state 0)", story) > 0
        || cut.indexOf("link1 to mgc-02 is down (link state 0)", story) > 0, "the link going down is in the story");
  }
}
