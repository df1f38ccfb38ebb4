package dev.hasim.mgc;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import java.nio.file.Path;
import java.util.List;

/** MGC scenarios for tests: the shipped files and a pair template, on the hasim test kit. */
final class MgcHarness {
  static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new MgcPlugin()));
  static final Path SHIPPED = Path.of("../../sim-scenarios/mgc");

  private MgcHarness() {}

  /** A shipped scenario, run to its end and judged (its verdict is the test's to check: {@code assertPassed}). */
  static Sim shipped(Hasim hasim, String file) {
    return hasim.run(SHIPPED.resolve(file));
  }

  /**
   * A pair pgw of mgc-01 (active) and mgc-02, both logging at debug, with {@code pairLines} added under the
   * pair (YAML, indented by the template) and the given events, run to the end. The pair starts without the
   * platform's start-up ({@code platform_start: 0s}: roles after 1.5 s of listening), so a rule test's times
   * read as the rule's own; the shipped scenarios, the golden tests and {@code MGC_1_aStartedHostTakesARoleOnlyOnceItsPlatformIsUp} run the
   * seed's 26.5 s start-up.
   */
  static Sim pair(Hasim hasim, String duration, String xecfgparm, String pairLines, String... events) {
    StringBuilder yaml = new StringBuilder("name: mgc-test\nduration: " + duration + "\ntopology:\n  mgc:\n"
        + "    - pair: pgw\n      hosts: [mgc-01, mgc-02]\n      platform_start: 0s\n"
        + "      xecfgparm: |\n        pom.logPrio = Debug\n");
    appendIndented(yaml, "        ", xecfgparm);
    appendIndented(yaml, "      ", pairLines);
    appendEvents(yaml, events);
    return hasim.run(yaml.toString());
  }

  /** Appends each non-blank line of {@code text} with {@code indent}: configuration text inside a template. */
  static void appendIndented(StringBuilder yaml, String indent, String text) {
    text.lines().filter(line -> !line.isBlank()).forEach(line -> yaml.append(indent).append(line).append('\n'));
  }

  /** Appends an {@code events:} list of the given flow-style items, if any. */
  static void appendEvents(StringBuilder yaml, String... events) {
    if (events.length > 0) {
      yaml.append("events:\n");
      for (String event : events) {
        yaml.append("  - ").append(event).append('\n');
      }
    }
  }

  /** The host's platform.log messages (without their header lines), in order. */
  static List<String> platformLog(Sim sim, String host) {
    String text = sim.result().files().get(PlatformLog.path(host));
    return text.lines().filter(l -> !l.isEmpty() && !l.contains(" | " + MgcHost.PROCESS + " (PID ")).toList();
  }

  static List<String> logLines(Sim sim, String host, String fragment) {
    return platformLog(sim, host).stream().filter(l -> l.contains(fragment)).toList();
  }

  /** The MML answers of a host: "prov-sync DENY 2021", in order. */
  static List<String> answers(Sim sim, String host) {
    return sim.events(host, "decision").stream().filter(e -> e.string("mml") != null)
        .map(e -> e.string("mml") + " " + e.string("result") + " " + e.number("status")).toList();
  }

  static long roleAt(Sim sim, String host, String role) {
    return sim.events(host, "role").stream().filter(e -> role.equals(e.string("to")))
        .mapToLong(e -> e.tMs()).findFirst().orElse(-1);
  }
}
