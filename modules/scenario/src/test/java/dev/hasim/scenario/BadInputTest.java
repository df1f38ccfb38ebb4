package dev.hasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is refused with the file, line and column, and what was expected. */
class BadInputTest {
  private static final String VALID = """
      name: toy-run
      duration: 60s
      topology:
        toy: {nodes: [a, b]}
      events:
        - {at: 10s, cut: [a, b]}
      expect:
        - {invariant: toy-invariant}
      """;

  private static ScenarioException refuse(String text) {
    return assertThrows(ScenarioException.class, () -> ToyModel.LOADER.parse("s.yaml", text));
  }

  /** One of the problems found (a pass reports them all) is at this position and says this. */
  private static void assertAt(ScenarioException e, int line, int column, String fragment) {
    assertTrue(e.problems().stream().anyMatch(p -> p.getMessage().startsWith("s.yaml:" + line + ":" + column + ": ")
        && p.getMessage().contains(fragment)), e.getMessage());
  }

  @Test
  void theValidBaselineLoads() throws ScenarioException {
    Scenario s = ToyModel.LOADER.parse("s.yaml", VALID);
    assertEquals("toy-run", s.name());
    assertEquals(60_000, s.durationMs());
    assertEquals(1, s.events().size());
  }

  @Test
  void anEventMayCarryATeachingNoteAndANoteMustBeText() throws ScenarioException {
    Scenario s = ToyModel.LOADER.parse("s.yaml", VALID.replace("{at: 10s, cut: [a, b]}",
        "{at: 10s, cut: [a, b], note: 'The link goes: watch the alarms.'}"));
    assertEquals("The link goes: watch the alarms.", s.events().get(0).note());
    assertEquals(null, ToyModel.LOADER.parse("s.yaml", VALID).events().get(0).note());
    assertAt(refuse(VALID.replace("{at: 10s, cut: [a, b]}", "{at: 10s, cut: [a, b], note: [x]}")), 6, 34, "note: expected text");
    assertAt(refuse(VALID.replace("{at: 10s, cut: [a, b]}", "{at: 10s, note: alone}")), 6, 5, "exactly one action");
  }

  @Test
  void malformedYamlIsPlacedWhereTheParserGaveUp() {
    assertAt(refuse("name: x\nduration: [10s\ntopology: {}\n"), 3, 9, "malformed YAML");
    // A tag whose escapes decode to a trailing space: SnakeYAML throws IllegalArgumentException, not a YAML error.
    assertAt(refuse("name: !a%20 x\nduration: 10s\n"), 1, 1, "malformed YAML: Tag must not contain");
  }

  @Test
  void unknownKeysAreNamedWithTheKeysThatExist() {
    ScenarioException e = refuse(VALID.replace("duration:", "durration:"));
    assertAt(e, 2, 1, "unknown key 'durration'");
    assertTrue(e.getMessage().contains("duration"), "lists the allowed keys");
    assertAt(refuse(VALID.replace("{at: 10s, cut: [a, b]}", "{at: 10s, cut: [a, b], why: x}")), 6, 5,
        "exactly one action");
  }

  @Test
  void wrongTypesSayWhatWasExpected() {
    assertAt(refuse(VALID.replace("duration: 60s", "duration: 60")), 2, 11, "expected a duration with a unit, like 60s");
    assertAt(refuse(VALID.replace("name: toy-run", "name: [toy]")), 1, 7, "name: expected a string, found a list");
    assertAt(refuse(VALID.replace("{at: 10s,", "{at: soon,")), 6, 10, "at: expected a duration like 10s");
  }

  @Test
  void unknownNodesArePointedAt() {
    assertAt(refuse(VALID.replace("cut: [a, b]", "cut: [a, zz]")), 6, 24, "unknown node \"zz\"");
  }

  @Test
  void zeroAndNegativeDurationsAreRefused() {
    assertAt(refuse(VALID.replace("duration: 60s", "duration: 0s")), 2, 11, "positive duration");
    assertAt(refuse(VALID.replace("duration: 60s", "duration: -5s")), 2, 11, "expected a duration like 10s");
  }

  @Test
  void eventsAfterTheEndAreRefused() {
    assertAt(refuse(VALID.replace("{at: 10s,", "{at: 61s,")), 6, 10, "after the end of the run");
  }

  @Test
  void duplicateKeysEmptyFilesAndMissingSectionsAreRefused() {
    assertAt(refuse("name: a\nname: b\n"), 2, 1, "duplicate key 'name' (first at line 1)");
    assertAt(refuse(""), 1, 1, "the file is empty");
    assertAt(refuse("name: a\nduration: 1s\n"), 1, 1, "missing 'topology'");
    assertAt(refuse(VALID.replace("toy:", "tooy:")), 4, 3, "unknown model 'tooy'; installed models: toy");
  }

  @Test
  void expectationsNeedATimeExactlyWhenTheyAreAboutAnInstant() {
    assertAt(refuse(VALID + "  - {alarm: {node: a, code: 5003}}\n"), 9, 5, "needs 'at'");
    assertAt(refuse(VALID + "  - {at: 5s, invariant: toy-invariant}\n"), 9, 10, "remove 'at'");
    assertAt(refuse(VALID + "  - {invariant: no-such}\n"), 9, 17, "unknown invariant");
  }

  @Test
  void unreadableFilesAreReportedByName(@TempDir Path dir) throws Exception {
    ScenarioException missing = assertThrows(ScenarioException.class,
        () -> ToyModel.LOADER.load(dir.resolve("absent.yaml")));
    assertTrue(missing.getMessage().contains("absent.yaml:1:1: cannot read the file"), missing.getMessage());
    Path binary = dir.resolve("binary.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertTrue(assertThrows(ScenarioException.class, () -> ToyModel.LOADER.load(binary)).getMessage()
        .contains("not UTF-8"));
  }

  @Test
  void everyProblemIsReportedInOnePassWithTimesAsWritten() {
    ScenarioException e = refuse("""
        name: toy-run
        duration: 60s
        network: {latency: 1ms, los: 0}
        topology:
          toy: {nodes: [a, b]}
        events:
          - {at: 10s, cut: [a, zz]}
          - {at: 400s, heal: [a, b]}
          - {at: 20s, reboot: a}
        expect:
          - {at: 1.5m, invariant: toy-invariant}
          - {invariant: no-such}
        """);
    java.util.List<String> lines = e.getMessage().lines().toList();
    assertEquals(6, e.problems().size(), e.getMessage());
    assertEquals(6, lines.size(), e.getMessage());
    assertTrue(lines.get(0).startsWith("s.yaml:3:25: unknown key 'los'"), lines.get(0));
    assertTrue(lines.get(1).startsWith("s.yaml:7:24: cut: unknown node \"zz\""), lines.get(1));
    assertEquals("s.yaml:8:10: at: 400s is after the end of the run (duration: 60s)", lines.get(2));
    assertTrue(lines.get(3).startsWith("s.yaml:9:15: unknown action 'reboot'"), lines.get(3));
    assertEquals("s.yaml:11:10: at: 1.5m is after the end of the run (duration: 60s)", lines.get(4));
    assertTrue(lines.get(5).startsWith("s.yaml:12:17: invariant: unknown invariant"), lines.get(5));
  }

  @Test
  void computedTimesAreWrittenTheWayAScenarioWritesThem() {
    assertEquals("400s", dev.hasim.scenario.yaml.YNode.durationText(400_000));
    assertEquals("1.5s", dev.hasim.scenario.yaml.YNode.durationText(1_500));
    assertEquals("2m", dev.hasim.scenario.yaml.YNode.durationText(120_000));
    assertEquals("1h", dev.hasim.scenario.yaml.YNode.durationText(3_600_000));
    assertEquals("250ms", dev.hasim.scenario.yaml.YNode.durationText(250));
    assertEquals("0s", dev.hasim.scenario.yaml.YNode.durationText(0));
  }
}
