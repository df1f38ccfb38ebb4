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
    assertTrue(o.out().contains("FAILED {at: 3s, alarm:"), o.out());
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
}
