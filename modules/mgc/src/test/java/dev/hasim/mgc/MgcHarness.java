package dev.hasim.mgc;

import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.testing.ScenarioHarness;
import java.nio.file.Path;
import java.util.List;

/** MGC scenarios for tests: the shared harness with the MGC model, the shipped files, a pair template. */
final class MgcHarness {
  static final ScenarioHarness HARNESS = new ScenarioHarness(new MgcPlugin());
  static final Path SHIPPED = Path.of("../../sim-scenarios/mgc");

  private MgcHarness() {}

  static RunResult shipped(String file) {
    return HARNESS.run(SHIPPED.resolve(file));
  }

  /**
   * A pair pgw of mgc-01 (active) and mgc-02, both logging at debug, with {@code pairLines} added under the
   * pair (YAML, indented by the template) and the given events.
   */
  static RunResult pair(String duration, String xecfgparm, String pairLines, String... events) {
    StringBuilder yaml = new StringBuilder("name: mgc-test\nduration: " + duration + "\ntopology:\n  mgc:\n"
        + "    - pair: pgw\n      hosts: [mgc-01, mgc-02]\n      xecfgparm: |\n        pom.logPrio = Debug\n");
    ScenarioHarness.appendIndented(yaml, "        ", xecfgparm);
    ScenarioHarness.appendIndented(yaml, "      ", pairLines);
    ScenarioHarness.appendEvents(yaml, events);
    return HARNESS.run(yaml.toString());
  }

  /** The host's platform.log messages (without their header lines), in order. */
  static List<String> platformLog(RunResult r, String host) {
    String text = r.files().get(PlatformLog.path(host));
    return text.lines().filter(l -> !l.isEmpty() && !l.contains(" | " + MgcHost.PROCESS + " (PID ")).toList();
  }

  static List<String> logLines(RunResult r, String host, String fragment) {
    return platformLog(r, host).stream().filter(l -> l.contains(fragment)).toList();
  }

  /** The MML answers of a host: "prov-sync DENY 2021", in order. */
  static List<String> answers(RunResult r, String host) {
    return ScenarioHarness.events(r, host, "decision").stream().filter(e -> e.string("mml") != null)
        .map(e -> e.string("mml") + " " + e.string("result") + " " + e.number("status")).toList();
  }

  static long roleAt(RunResult r, String host, String role) {
    return ScenarioHarness.events(r, host, "role").stream().filter(e -> role.equals(e.string("to")))
        .mapToLong(e -> e.tMs()).findFirst().orElse(-1);
  }
}
