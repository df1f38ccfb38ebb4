package dev.hasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hasim.ipfe.IpfePlugin;
import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final String SCENARIO = """
      name: report-test
      seed: 9
      duration: 10s
      topology:
        ipfe:
          - servers: [IPFE-A1, IPFE-A2]
      events:
        - {at: 2s, cut: [IPFE-A1, IPFE-A2]}
        - {at: 5s, heal: [IPFE-A1, IPFE-A2]}
      expect:
        - {at: 3s, alarm: {node: IPFE-A1, code: 5003, active: true}}
        - {invariant: alarm-matches-reachability}
      """;

  private static RunResult run() throws Exception {
    return ScenarioRunner.run(new ScenarioLoader(List.of(new IpfePlugin())).parse("report-test.yaml", SCENARIO),
        ScenarioRunner.Options.defaults());
  }

  @Test
  void aNodeThatGoesDownStillGetsAReport(@TempDir Path out) throws Exception {
    RunResult r = ScenarioRunner.run(new ScenarioLoader(List.of(new IpfePlugin())).parse("c.yaml", """
        name: crash-report
        duration: 5s
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2]
        events:
          - {at: 2s, crash: IPFE-A1}
        """), ScenarioRunner.Options.defaults());
    String html = Files.readString(ReportWriter.write(r, out).resolve("report.html"));
    assertTrue(html.contains(">DOWN</span>"), "the legend shows the roles the run used");
  }

  @Test
  void aModelsOwnFilesLandInTheRunFolder(@TempDir Path out) throws Exception {
    RunResult r = ScenarioRunner.run(new ScenarioLoader(List.of(new dev.hasim.mgc.MgcPlugin())).parse("m.yaml", """
        name: mgc-files
        duration: 5s
        topology:
          mgc:
            - pair: pgw
              hosts: [mgc-01, mgc-02]
              xecfgparm: "pom.logPrio = Debug"
        """), ScenarioRunner.Options.defaults());
    Path folder = ReportWriter.write(r, out);
    String log = Files.readString(folder.resolve("mgc-02").resolve("platform.log"));
    assertTrue(log.startsWith("Sun Oct 20 16:07:00:000 2002 WET | ProvObjectManager (PID "), log);
    assertTrue(log.contains("pomMgr::initialize: starting ..."));
    assertTrue(Files.exists(folder.resolve("mgc-01").resolve("platform.log")));
  }

  @Test
  void writesTheThreeFilesWithEveryContractField(@TempDir Path out) throws Exception {
    RunResult r = run();
    Path folder = ReportWriter.write(r, out);
    assertEquals(out.resolve("report-test").resolve("seed-9"), folder);
    JsonNode json = new ObjectMapper().readTree(folder.resolve("report.json").toFile());
    for (String field : List.of("hasim_report", "scenario", "seed", "virtual_duration_ms", "verdict", "trace_sha256",
        "expectations", "invariant_violations", "events", "final_state", "convergence")) {
      assertTrue(json.has(field), "report.json lacks " + field);
    }
    assertEquals(1, json.get("hasim_report").asInt());
    assertEquals("PASS", json.get("verdict").asText());
    assertEquals(10_000, json.get("virtual_duration_ms").asLong());
    JsonNode expectation = json.get("expectations").get(0);
    assertTrue(expectation.has("expect") && expectation.has("ok") && expectation.has("detail"));
    JsonNode convergence = json.get("convergence").get(0);
    for (String field : List.of("fault", "injected_ms", "detected_ms", "converged_ms")) {
      assertTrue(convergence.has(field), field);
    }
    JsonNode a1 = json.get("final_state").get("IPFE-A1");
    for (String field : List.of("role", "state", "alarms", "views")) {
      assertTrue(a1.has(field), field);
    }
    // An attribute appears only where a model of the scenario declares it (CWM's priority); IPFE has none.
    assertTrue(!a1.has("priority"), "priority is CWM's attribute, not IPFE's");
    for (JsonNode event : json.get("events")) {
      assertTrue(event.has("t_ms") && event.has("node") && event.has("kind"));
      if (event.get("kind").asText().equals("decision")) {
        assertTrue(event.get("rule").asText().matches("IPFE-[1-4]"), event.toString());
        assertTrue(!event.get("why").asText().isBlank());
      }
    }
    String trace = Files.readString(folder.resolve("trace.jsonl"));
    assertEquals(TraceFormat.sha256(trace), json.get("trace_sha256").asText(), "the hash is the hash of trace.jsonl");
    assertEquals(r.events().size(), trace.lines().count());
    String md = Files.readString(folder.resolve("report.md"));
    assertTrue(md.contains("# report-test — PASS"));
    assertTrue(md.contains("(IPFE-3)") && md.contains("(IPFE-4)"), "the story cites rule IDs");
  }

  @Test
  void aFailedWriteLeavesThePreviousReportWholeAndNoDebris(@TempDir Path out) throws Exception {
    RunResult good = run();
    Path folder = ReportWriter.write(good, out);
    String before = Files.readString(folder.resolve("report.json"));
    RunResult broken = new RunResult(good.scenario(), good.seed(), false, good.events(), null, good.traceSha256(),
        good.expectations(), good.violations(), good.convergence(), good.finalState(), good.diagnoses(), good.files(),
        good.stats());
    assertThrows(NullPointerException.class, () -> ReportWriter.write(broken, out));
    assertEquals(before, Files.readString(folder.resolve("report.json")));
    try (Stream<Path> left = Files.list(folder.getParent())) {
      assertEquals(List.of("seed-9"), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aSecondRunReplacesTheFirstCompletely(@TempDir Path out) throws Exception {
    Path folder = ReportWriter.write(run(), out);
    Files.writeString(folder.resolve("stale.txt"), "from an older version");
    ReportWriter.write(run(), out);
    assertTrue(Files.notExists(folder.resolve("stale.txt")));
    assertTrue(Files.exists(folder.resolve("report.md")));
  }
}
