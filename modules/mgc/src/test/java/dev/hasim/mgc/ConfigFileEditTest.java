package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MGC-7: set_param edits XECfgParm.dat on the host's disk, the one copy of its configuration. An edit before
 * the host's first start changes the pair's file, it does not replace it.
 */
class ConfigFileEditTest {
  @Test
  void MGC_7_setParamBeforeTheFirstStartKeepsTheRestOfTheFile() throws Exception {
    RunResult r = ScenarioRunner.run(new ScenarioLoader(List.of(new MgcPlugin())).parse("edit.yaml", """
        name: edit-before-start
        duration: 60s
        topology:
          mgc:
            - pair: pgw
              hosts: [mgc-01, mgc-02]
              start: {mgc-02: 5s}
              xecfgparm: |
                pom.dataSync = true
        events:
          - {at: 1s, set_param: {node: mgc-02, key: diskmonitor.CfgRmDirs, value: "64"}}
        """), ScenarioRunner.Options.defaults());
    List<TraceEvent> warnings = r.events().stream().filter(e -> e.node().equals("mgc-02") && e.is("warning")).toList();
    assertTrue(warnings.isEmpty(), "mgc-02 starts with pom.dataSync = true like its peer: " + warnings);
    assertEquals("STANDBY", r.finalState().get("mgc-02").role());
  }
}
