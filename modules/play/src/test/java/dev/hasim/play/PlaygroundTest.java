package dev.hasim.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.cwm.CwmPlugin;
import dev.hasim.ipfe.IpfePlugin;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A live run without a browser or the wall clock: paused, moved on with "step", events injected, saved. The saved
 * file, run as any scenario, must give the trace the live run had, hash and all; an injection lands at an
 * instant where nothing else was due, and never before the instant shown.
 */
class PlaygroundTest {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new IpfePlugin(), new CwmPlugin()));

  static final String IPFE = """
      name: live-ipfe
      seed: 5
      duration: 30s
      network: {latency: 1ms, jitter: 3ms, loss: 2%}
      topology:
        ipfe:
          - servers: [IPFE-A1, IPFE-A2]
      events:
        - {at: 4s, cut: {from: IPFE-A1, to: IPFE-A2}, note: one way first}
        - {at: 60s, heal: [IPFE-A1, IPFE-A2]}
      """.replace("60s", "6s");

  static final String CWM = """
      name: live-cwm
      duration: 200s
      topology:
        cwm:
          - domain: east
            gateways:
              - {host: cwmws1, start: 0s}
              - {host: cwmws2, start: 2s}
              - {host: cwmws3, start: 4s}
            conf: |
              DomainGatewayList cwmws1 cwmws2 cwmws3
              HeartBeatInterval 20
              SP1_AutoSwitchOver ON
              PrimaryRestartInterval 15
      """;

  private static Map<String, Object> command(Playground live, Object... keyValues) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put((String) keyValues[i], keyValues[i + 1]);
    }
    return live.control(body).join();
  }

  private static String steps(Playground live, int n) {
    String last = "";
    for (int i = 0; i < n; i++) {
      last = (String) command(live, "op", "step").get("message");
    }
    return last;
  }

  @Test
  void injectedFaultsSavedAsAScenarioRerunToTheSameTraceHash() throws Exception {
    Scenario scenario = LOADER.parse("live-ipfe.yaml", IPFE);
    try (Playground live = new Playground(LOADER, scenario, IPFE, 5, 1)) {
      live.start(false);
      steps(live, 40);
      Map<String, Object> crash = command(live, "op", "inject", "event", "{crash: {node: IPFE-A2, restart_after: 2s}}",
          "note", "A2 dies and comes back");
      assertEquals(true, crash.get("ok"), String.valueOf(crash));
      steps(live, 25);
      Map<String, Object> cut = command(live, "op", "inject", "event", "cut: [IPFE-A1, IPFE-A2]", "note", null);
      Map<String, Object> partition = command(live, "op", "inject", "event", "{degrade: {link: [IPFE-A1, IPFE-A2], loss: 30%}}",
          "note", "");
      assertTrue((Long) partition.get("at") > (Long) cut.get("at"), "two injections never share an instant");
      steps(live, 60);
      Map<String, Object> saved = command(live, "op", "save", "expect", true);
      String yaml = (String) saved.get("yaml");
      assertTrue(yaml.contains("note: A2 dies and comes back"), yaml);
      assertTrue(yaml.contains("note: one way first"), "the file's own notes are kept: " + yaml);

      Scenario replay = LOADER.parse("saved.yaml", yaml);
      RunResult rerun = ScenarioRunner.run(replay, ScenarioRunner.Options.defaults());
      assertEquals(saved.get("trace_sha256"), rerun.traceSha256(), "the saved file reruns to the live trace:\n" + yaml);
      assertEquals(RunResult.Verdict.PASS, rerun.verdict(), "the expectations read from the live state hold: " + rerun.expectations());
      assertTrue(rerun.events().stream().anyMatch(e -> e.is(EventKind.MESSAGE)), "messages were recorded");
    }
  }

  @Test
  void badEventsAreRefusedWithTheLoadersMessageAndChangeNothing() throws Exception {
    Scenario scenario = LOADER.parse("live-cwm.yaml", CWM);
    try (Playground live = new Playground(LOADER, scenario, CWM, 1, 1)) {
      live.start(false);
      Map<String, Object> unknown = command(live, "op", "inject", "event", "{crash: cwmws9}");
      assertFalse((Boolean) unknown.get("ok"));
      assertTrue(String.valueOf(unknown.get("message")).contains("cwmws9"), String.valueOf(unknown));
      Map<String, Object> empty = command(live, "op", "inject", "event", " ");
      assertFalse((Boolean) empty.get("ok"));
      Map<String, Object> op = command(live, "op", "fly");
      assertFalse((Boolean) op.get("ok"));
      Map<String, Object> saved = command(live, "op", "save", "expect", false);
      assertFalse(((String) saved.get("yaml")).contains("cwmws9"));
    }
  }

  @Test
  void aClassCrashesThePrimaryOfACwmDomainAndTheRerunAgrees() throws Exception {
    Scenario scenario = LOADER.parse("live-cwm.yaml", CWM);
    try (Playground live = new Playground(LOADER, scenario, CWM, 1, 1)) {
      live.start(false);
      steps(live, 30);
      assertEquals(true, command(live, "op", "inject", "event", "{crash: cwmws1}").get("ok"));
      assertEquals(true, command(live, "op", "inject", "event", "{signal: {node: cwmws2, name: HUP}}").get("ok"));
      steps(live, 80);
      Map<String, Object> saved = command(live, "op", "save", "expect", true);
      RunResult rerun = ScenarioRunner.run(LOADER.parse("saved.yaml", (String) saved.get("yaml")),
          ScenarioRunner.Options.defaults());
      assertEquals(saved.get("trace_sha256"), rerun.traceSha256(), (String) saved.get("yaml"));
      assertEquals(RunResult.Verdict.PASS, rerun.verdict(), rerun.expectations().toString());
    }
  }
}
