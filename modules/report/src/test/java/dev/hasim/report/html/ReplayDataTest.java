package dev.hasim.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hasim.cwm.CwmPlugin;
import dev.hasim.ipfe.IpfePlugin;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay's data is the trace plus what WorldState rebuilds from it: each link's state after every network
 * fault (one-way cuts named by direction, degradation, healing) and the invariants breached after each instant.
 */
class ReplayDataTest {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new IpfePlugin(), new CwmPlugin()));

  @Test
  void linkStatesFollowTheFaultsAndEveryTraceLineIsThere() throws Exception {
    RunResult r = ScenarioRunner.run(LOADER.parse("s.yaml", """
        name: replay-links
        duration: 12s
        topology:
          ipfe:
            - servers: [IPFE-A1, IPFE-A2]
        events:
          - {at: 2s, cut: {from: IPFE-A2, to: IPFE-A1}, note: A2 can no longer reach A1}
          - {at: 4s, heal: [IPFE-A1, IPFE-A2]}
          - {at: 6s, degrade: {link: [IPFE-A1, IPFE-A2], loss: 10%}}
          - {at: 8s, cut: [IPFE-A1, IPFE-A2]}
          - {at: 10s, heal: all}
        """), ScenarioRunner.Options.defaults());
    JsonNode data = new ObjectMapper().readTree(ReplayData.forReport(r, ReportHtml.groups(r)));
    assertEquals(r.events().size(), data.get("events").size(), "every trace line, messages included");
    assertEquals("[[0,1]]", data.get("links").toString(), "the pair's one link");
    List<String> states = new ArrayList<>();
    data.get("linkStates").forEach(l -> states.add(l.get(0).asLong() + ":" + l.get(2).asText()));
    assertEquals(List.of("2000:ba", "4000:ok", "6000:degraded", "8000:cut", "10000:ok"), states,
        "ba: only IPFE-A2 → IPFE-A1 cut (node 1 to node 0)");
    assertEquals("[[2000,\"A2 can no longer reach A1\"]]", data.get("notes").toString());
    assertTrue(data.get("invariants").toString().contains("alarm-matches-reachability"));
    assertTrue(data.get("breaches").size() > 0, "the alarm lags the cut: a breach within its grace period is shown");
    assertTrue(data.get("colors").size() > 0, "the colours of the roles and states seen");
  }
}
