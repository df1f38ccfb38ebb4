package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes 0/1/2, --help everywhere, errors as file:line:column. */
class CliTest {
  private static final String PASSING = """
      name: cli-pass
      duration: 5s
      topology:
        ipfe:
          - servers: [IPFE-A1, IPFE-A2]
      events:
        - {at: 1s, cut: [IPFE-A1, IPFE-A2]}
      expect:
        - {at: 3s, alarm: {node: IPFE-A1, code: 5003, active: true}}
      """;

  private record Outcome(int code, String out, String err) {}

  private static Outcome hasim(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"check", "--help"}, {"validate", "--help"},
        {"explore", "--help"}}) {
      Outcome o = hasim(args);
      assertEquals(0, o.code(), String.join(" ", args));
      assertTrue(o.out().contains("Usage: hasim"), o.out());
      assertTrue(o.out().contains("Example:"), "help shows an example: " + o.out());
    }
  }

  @Test
  void versionNamesTheProjectVersionAndCommitAndHelpNamesEveryModel() {
    Outcome version = hasim("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("hasim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}\\)\\s*"),
        version.out());
    String help = hasim("--help").out();
    for (String model : new String[] {"ipfe", "cwm", "mgc"}) {
      assertTrue(help.contains("(" + model + ")"), model + " in --help: " + help);
    }
  }

  @Test
  void aRealtimeRunReproducesAsARealtimeRunAndItsProgressShowsNoFakeRate(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rt.yaml"), PASSING.replace("duration: 5s", "duration: 4s"));
    Outcome o = hasim("run", file.toString(), "--realtime", "--out", dir.resolve("r").toString());
    assertEquals(Main.PASS, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("reproduce: ./hasim run " + file + " --seed 1 --realtime"), o.out());
    assertEquals("rt  50% virtual 2.000 s of 4.000 s, 2.0 s wall", Terminal.progressText("rt", 2000, 4000, 2.0, 0));
    assertEquals("sim  50% virtual 2.000 s of 4.000 s, 2.0 s wall, 5,000 events/s",
        Terminal.progressText("sim", 2000, 4000, 2.0, 10_000));
  }

  @Test
  void aPassingRunExitsZeroAndWritesItsReport(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass.yaml"), PASSING);
    Outcome o = hasim("run", file.toString(), "--out", dir.resolve("reports").toString(), "--seed", "4");
    assertEquals(Main.PASS, o.code(), o.out() + o.err());
    assertTrue(o.out().startsWith("PASS  cli-pass  seed 4"), o.out());
    assertTrue(o.out().contains("reproduce: ./hasim run " + file + " --seed 4"), o.out());
    assertTrue(Files.exists(dir.resolve("reports/cli-pass/seed-4/report.json")));
  }

  @Test
  void exploreSearchesATemplateAndWritesExploreJson(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass.yaml"), PASSING);
    Path out = dir.resolve("explore");
    Outcome o = hasim("explore", file.toString(), "--budget", "3", "--jobs", "1", "--out", out.toString());
    assertEquals(Main.PASS, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("PASS  3 schedules"), o.out());
    assertTrue(o.out().contains("coverage: IPFE-1="), o.out());
    assertTrue(Files.readString(out.resolve("explore.json")).contains("\"schedules\" : 3"));
  }

  @Test
  void exploreRefusesContradictoryOrBadOptionsWithExitTwo(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass.yaml"), PASSING);
    assertEquals(Main.BAD_INPUT, hasim("explore", file.toString(), "--budget", "5", "--time", "1m").code());
    Outcome badTime = hasim("explore", file.toString(), "--time", "soon");
    assertEquals(Main.BAD_INPUT, badTime.code());
    assertTrue(badTime.err().contains("--time: expected a duration like 90s"), badTime.err());
    assertEquals(Main.BAD_INPUT, hasim("explore", dir.resolve("missing.yaml").toString()).code());
  }

  @Test
  void aFailedExpectationExitsOne(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("fail.yaml"), PASSING.replace("active: true", "active: false"));
    Outcome o = hasim("run", file.toString(), "--out", dir.resolve("reports").toString());
    assertEquals(Main.FAIL, o.code());
    // Issue 19 item 4: the failure points at the expectation's line in the file.
    assertTrue(o.out().contains("FAILED " + file + ":9:5: {at: 3s, alarm:"), o.out());
  }

  @Test
  void badInputExitsTwoWithAPositionAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), PASSING.replace("IPFE-A2]", "IPFE-A3]"));
    for (String command : new String[] {"run", "validate"}) {
      Outcome o = hasim(command, file.toString());
      assertEquals(Main.BAD_INPUT, o.code(), command);
      assertTrue(o.err().contains(file + ":5:16: servers: invalid IPFE layout"), o.err());
      assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }
    assertEquals(Main.BAD_INPUT, hasim("run", "--no-such-option", file.toString()).code());
    assertEquals(Main.BAD_INPUT, hasim("run", dir.resolve("absent.yaml").toString()).code());
    assertEquals(Main.BAD_INPUT, hasim("run", file.toString(), "--seed", "seven").code());
  }

  @Test
  void verifyDeterminismRunsTwiceAndComparesHashes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass.yaml"), PASSING);
    Outcome o = hasim("run", file.toString(), "--verify-determinism", "--out", dir.resolve("r").toString());
    assertEquals(Main.PASS, o.code(), o.err());
    assertTrue(o.out().contains("deterministic: two runs, same trace sha256"), o.out());
  }

  @Test
  void seedSweepsRunSideBySideWithTheSameResultsAsOneByOne(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("jitter.yaml"), PASSING.replace("duration: 5s",
        "duration: 5s\nnetwork: {latency: 2ms, jitter: 40ms}"));
    Outcome sequential = hasim("run", file.toString(), "--seeds", "1..6", "--jobs", "1", "--out", dir.resolve("a").toString());
    Outcome parallel = hasim("run", file.toString(), "--seeds", "1..6", "--jobs", "2", "--out", dir.resolve("b").toString());
    assertEquals(Main.PASS, sequential.code(), sequential.out() + sequential.err());
    List<String> a = sequential.out().lines().filter(l -> l.contains(" seed ")).toList();
    List<String> b = parallel.out().lines().filter(l -> l.contains(" seed ")).toList();
    assertEquals(6, a.size());
    assertEquals(a, b, "same seeds, same traces, whatever the number of jobs");
    assertTrue(a.stream().map(l -> l.substring(l.indexOf("trace "))).distinct().count() > 1, "jitter: seeds differ");
    assertEquals(Main.BAD_INPUT, hasim("run", file.toString(), "--seeds", "5..1").code());
  }

  @Test
  void checkRunsAFolderAndReportsTheWorstOutcome(@TempDir Path dir) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("a-pass.yaml"), PASSING);
    String out = dir.resolve("reports").toString();
    Outcome allPass = hasim("check", scenarios.toString(), "--out", out, "--jobs", "2");
    assertEquals(Main.PASS, allPass.code(), allPass.out() + allPass.err());
    assertTrue(allPass.out().contains("1 passed, 0 failed"), allPass.out());

    Files.writeString(scenarios.resolve("b-fail.yaml"),
        PASSING.replace("cli-pass", "cli-fail").replace("active: true", "active: false"));
    Outcome oneFails = hasim("check", scenarios.toString(), "--out", out);
    assertEquals(Main.FAIL, oneFails.code());
    assertTrue(oneFails.out().contains("1 passed, 1 failed"), oneFails.out());

    Files.writeString(scenarios.resolve("c-invalid.yaml"), "name: [");
    assertEquals(Main.BAD_INPUT, hasim("check", scenarios.toString(), "--out", out).code());
  }

  @Test
  void checkLeavesScaleScenariosOutAndSaysSo(@TempDir Path dir) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("a-pass.yaml"), PASSING);
    Files.writeString(scenarios.resolve("big.yaml"), """
        name: big-one
        duration: 5s
        topology:
          ipfe:
            - {dsr: site, count: 500, servers: [IPFE-A1, IPFE-A2]}
        """);
    Outcome o = hasim("check", scenarios.toString(), "--out", dir.resolve("reports").toString());
    assertEquals(Main.PASS, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("left out 1 scale scenario (1,000 nodes or more; minutes each): big-one "
        + "(1,000 nodes); add --scale to run them"), o.out());
    assertFalse(o.out().contains("PASS   big-one"), o.out());
    assertTrue(o.out().contains("1 passed, 0 failed"), o.out());
  }

  @Test
  void checkProgressCountsDoneRunningAndFailed() {
    StringWriter err = new StringWriter();
    try (CheckProgress progress = new CheckProgress(new PrintWriter(err), 3, false)) {
      assertEquals("check: 0/3 done, 0 failed", progress.line());
      progress.running("a", () -> {
        assertTrue(progress.line().startsWith("check: 0/3 done, 0 failed; running a (0 s)"), progress.line());
        return null; // no result: counted as failed, as a run that threw would be
      });
      assertEquals("check: 1/3 done, 1 failed", progress.line());
    }
  }

  @Test
  void aSweepOverAScenarioWithoutJitterOrLossSaysOnceThatSeedsChangeNothing(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("fixed.yaml"), PASSING);
    Outcome o = hasim("run", file.toString(), "--seeds", "1..3", "--out", dir.resolve("r").toString());
    assertEquals(Main.PASS, o.code(), o.out() + o.err());
    String note = "cli-pass: no jitter or loss on any link, so every seed gives the same run";
    assertEquals(1, o.out().split(note, -1).length - 1, o.out());
    assertEquals(1, o.out().lines().map(l -> l.substring(l.indexOf("trace ") + 1)).filter(l -> l.startsWith("race "))
        .distinct().count(), "and indeed one trace: " + o.out());

    Path jitter = Files.writeString(dir.resolve("jitter.yaml"), PASSING.replace("events:\n",
        "events:\n  - {at: 0s, degrade: {link: [IPFE-A1, IPFE-A2], jitter: 5ms}}\n"));
    Outcome varied = hasim("run", jitter.toString(), "--seeds", "1..2", "--out", dir.resolve("r").toString());
    assertEquals(Main.PASS, varied.code(), varied.out() + varied.err());
    assertFalse(varied.out().contains("every seed gives the same run"), varied.out());
  }

  @Test
  void aSweepWritesTheReportsOfItsFailedSeedsUnlessToldOtherwise(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass.yaml"), PASSING);
    Outcome passing = hasim("run", file.toString(), "--seeds", "1..2", "--out", dir.resolve("a").toString());
    assertEquals(Main.PASS, passing.code(), passing.out() + passing.err());
    assertFalse(Files.exists(dir.resolve("a/cli-pass/seed-1")), "a passing seed's report is its summary line");
    assertTrue(passing.out().contains("no report written (--reports all writes every seed's)"), passing.out());

    Outcome all = hasim("run", file.toString(), "--seeds", "1..2", "--reports", "all", "--out", dir.resolve("b").toString());
    assertEquals(Main.PASS, all.code(), all.out() + all.err());
    assertTrue(Files.exists(dir.resolve("b/cli-pass/seed-2/report.html")), all.out());

    Outcome failing = hasim("run", Files.writeString(dir.resolve("fail.yaml"), PASSING.replace("expect:\n",
        "expect:\n  - {at: 0s, alarm: {node: IPFE-A1, code: 5003, active: true}}\n")).toString(), "--seeds", "1..1", "--out",
        dir.resolve("c").toString());
    assertEquals(Main.FAIL, failing.code(), failing.out() + failing.err());
    assertTrue(Files.exists(dir.resolve("c/cli-pass/seed-1/report.html")), failing.out());

    assertEquals(Main.BAD_INPUT, hasim("run", file.toString(), "--reports", "all").code(), "--reports needs --seeds");
  }

  @Test
  void validateReportsEveryMistakeOfAFileInOnePass() {
    Outcome o = hasim("validate", DocsTest.PROJECT.resolve("docs/examples/mistakes.yaml").toString());
    assertEquals(Main.BAD_INPUT, o.code());
    List<String> lines = o.err().lines().toList();
    assertEquals(5, lines.size(), o.err());
    assertTrue(lines.get(0).endsWith("mistakes.yaml:5:38: unknown key 'los'; expected one of jitter, latency, links, loss"),
        lines.get(0));
    assertTrue(lines.get(2).endsWith("mistakes.yaml:11:10: at: 400s is after the end of the run (duration: 60s)"),
        lines.get(2));
  }

  /** Issue 19: mvn verify stays quiet (test output in surefire-reports), so this setting must not go missing. */
  @Test
  void theBuildKeepsTestOutputInItsReports() throws Exception {
    String pom = Files.readString(DocsTest.PROJECT.resolve("pom.xml"));
    assertTrue(pom.contains("<redirectTestOutputToFile>true</redirectTestOutputToFile>"), "surefire output to files");
    assertTrue(pom.contains("ch.qos.logback.core.status.NopStatusListener"), "no logback status noise");
  }
}
