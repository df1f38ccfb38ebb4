package dev.hasim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hasim.ipfe.IpfePlugin;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hasim bench --quick} runs here so it cannot rot: not timed (timing belongs to the bench itself), but
 * its output must be complete and the three implementations must agree.
 */
class BenchTest {
  static final Path WORKLOADS = Path.of("../../sim-scenarios/bench");

  @Test
  void quickBenchWritesItsResultsAndTheImplementationsAgree(@TempDir Path out) throws Exception {
    StringWriter printed = new StringWriter();
    List<Map<String, Object>> rows = Bench.run(new Bench.Options(WORKLOADS, out, true, 1, true, true),
        new PrintWriter(printed, true));
    assertEquals(Bench.QUICK_WORKLOADS.size(), rows.size());
    JsonNode json = new ObjectMapper().readTree(out.resolve("latest.json").toFile());
    for (JsonNode workload : json.get("workloads")) {
      for (String field : List.of("name", "nodes", "virtual_seconds", "actor_wall_s", "plain_wall_s", "simpy_wall_s",
          "ratio_actor_plain", "ratio_actor_simpy", "bytes_per_node", "same_detections")) {
        assertTrue(workload.has(field), field + " in " + workload);
      }
      assertTrue(workload.get("same_detections").asBoolean(), "actor, plain loop and SimPy agree: " + workload);
      if (Bench.SIMPY_WORKLOADS.contains(workload.get("name").asText()) && SimPyReference.unavailable() == null) {
        assertTrue(workload.get("simpy_wall_s").isNumber(), "SimPy ran: " + workload);
      }
      assertTrue(workload.get("bytes_per_node").asLong() > 0);
    }
    assertTrue(Files.readString(out.resolve("latest.md")).contains("| ipfe-1k | 1000 |"));
    assertTrue(printed.toString().contains("a/plain"), printed.toString());
    // A smoke test prints no ratio: cold single runs read 4–7× where the measured bench reads 1.2–2.5×.
    assertFalse(printed.toString().contains("×"), printed.toString());
    assertTrue(printed.toString().contains("quick: a smoke test"), printed.toString());
    for (JsonNode workload : json.get("workloads")) {
      assertTrue(workload.get("ratio_actor_plain").isNull(), "no ratio from --quick: " + workload);
    }
    // --phases: ten numbers per actor run; mixed-10k's 25 virtual seconds in tenths of 2.5 s.
    assertTrue(printed.toString().matches("(?s).*actor wall s per 2\\.5 s virtual:( \\d+\\.\\d\\d){10}\\n.*"),
        printed.toString());
  }

  @Test
  void thePlainLoopDetectsTheSameAlarmsAsTheRulesSay() throws Exception {
    Scenario scenario = new ScenarioLoader(List.of(new IpfePlugin())).parse("w.yaml", """
        name: w
        duration: 10s
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2]
        events:
          - {at: 2s, cut: [IPFE-A1, IPFE-A2]}
          - {at: 5s, heal: [IPFE-A1, IPFE-A2]}
        """);
    PlainLoop.Result result = PlainLoop.run(HeartbeatWorkload.of(scenario));
    // Last heartbeats delivered at 1.501 s: silence timeout 750 ms; heal at 5 s, next heartbeats at 5.5 s.
    assertEquals(List.of(new Detection(2251, "IPFE-A1", true), new Detection(2251, "IPFE-A2", true),
        new Detection(5501, "IPFE-A1", false), new Detection(5501, "IPFE-A2", false)),
        result.detections().stream().sorted().toList());
  }

  @Test
  void workloadsOutsideWhatTheReferencesModelAreRefused() throws Exception {
    Scenario jittery = new ScenarioLoader(List.of(new IpfePlugin())).parse("j.yaml", """
        name: j
        duration: 10s
        network: {jitter: 5ms}
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2]
        """);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HeartbeatWorkload.of(jittery));
    assertFalse(e.getMessage().isBlank());
  }
}
