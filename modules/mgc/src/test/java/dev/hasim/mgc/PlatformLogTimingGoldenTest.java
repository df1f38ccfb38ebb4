package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MGC-12 (with MGC-1, MGC-3, MGC-4, MGC-5, MGC-7, MGC-9): the standby's platform.log of the shipped prov-sync and
 * datasync-startup scenarios against every line the seed's two examples show (golden/*-timing.txt copy them with
 * their times): the same text in the same order, and each step's time from the line before within 10 ms of the
 * seed's (PomStepTimes). The model writes lines the seed suppresses ("Output suppressed"); they are skipped.
 * Text is compared without white space, because the seed's web page wraps long lines at arbitrary points; the
 * one spelling the model does not copy is the dataSync example's {@code charaters} (docs/models/mgc.md).
 */
class PlatformLogTimingGoldenTest {
  private static final long TOLERANCE_MS = 10;

  private record Line(long ms, String text) {}

  @Test
  void mgc12_theProvSyncExamplesStepsTakeTheSeedsTimes() throws IOException {
    Sim r = MgcHarness.shipped(Hasim.standalone(), "prov-sync.yaml");
    List<long[]> matched = assertSteps(golden("/golden/prov-sync-standby-timing.txt"), log(r, "mgc-02"));
    // The whole command on the standby, from the request to the answer: 14.009 s in the seed.
    long seed = matched.get(matched.size() - 1)[0] - matched.get(0)[0];
    long model = matched.get(matched.size() - 1)[1] - matched.get(0)[1];
    assertEquals(14_009, seed);
    assertTrue(Math.abs(model - seed) <= 50, "prov-sync took " + model + " ms on the standby, the seed 14009 ms");
  }

  @Test
  void mgc7_mgc12_theDataSyncExamplesStepsTakeTheSeedsTimes() throws IOException {
    Sim r = MgcHarness.shipped(Hasim.standalone(), "datasync-startup.yaml");
    List<long[]> matched = assertSteps(golden("/golden/datasync-standby-timing.txt"), log(r, "mgc-02"));
    long[] initialize = matched.get(0);
    long[] goStandby = matched.get(4);
    long[] ending = matched.get(matched.size() - 1);
    // MGC-1: the platform's start-up, from POM's initialize to its standby decision: 26.452 s in the seed.
    assertEquals(26_452, goStandby[0] - initialize[0]);
    assertEquals(26_452, goStandby[1] - initialize[1], "the platform's start-up");
    // MGC-7: the pull, from handleGoStandbyLocal to Ending Warmstart.: 1.355 s in the seed.
    assertEquals(1_355, ending[0] - goStandby[0]);
    long pull = ending[1] - goStandby[1];
    assertTrue(Math.abs(pull - 1_355) <= 50, "the start-up pull took " + pull + " ms, the seed 1355 ms");
  }

  /**
   * MGC-12: POM writes in order. Its steps take time (PomThread), and an event handled while it is busy writes after
   * the work before it, so no platform.log of any shipped scenario ever goes back in time.
   */
  @Test
  void mgc12_everyShippedPlatformLogRunsForwardInTime() throws IOException {
    try (var files = java.nio.file.Files.list(MgcHarness.SHIPPED)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Sim r = MgcHarness.shipped(Hasim.standalone(), file.getFileName().toString());
        for (String host : List.of("mgc-01", "mgc-02")) {
          List<Line> log = log(r, host);
          for (int i = 1; i < log.size(); i++) {
            assertTrue(log.get(i).ms() >= log.get(i - 1).ms(), file.getFileName() + " " + host + ": \""
                + log.get(i).text() + "\" is written before the line above it");
          }
        }
      }
    }
  }

  /** The check itself can fail: a log whose one step is 11 ms slower than the seed's is refused. */
  @Test
  void mgc12_aStepElevenMillisecondsOffFailsTheCheck() {
    List<Line> seed = List.of(new Line(0, "a"), new Line(100, "b"), new Line(103, "c"));
    assertSteps(seed, List.of(new Line(5, "a"), new Line(7, "x"), new Line(110, "b"), new Line(113, "c")));
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> assertSteps(seed, List.of(new Line(5, "a"), new Line(116, "b"), new Line(119, "c"))));
    assertTrue(e.getMessage().contains("111 ms"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> assertSteps(seed, List.of(new Line(0, "a"), new Line(100, "c"), new Line(103, "b"))));
  }

  /**
   * Finds each seed line in the model's log after the previous one and checks the time since the previous seed
   * line; returns the matched (seed ms, model ms) pairs.
   */
  private static List<long[]> assertSteps(List<Line> seed, List<Line> model) {
    List<long[]> matched = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int at = -1;
    for (Line expected : seed) {
      int found = -1;
      for (int i = at + 1; i < model.size(); i++) {
        if (same(model.get(i).text(), expected.text())) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        fail("not found after model line " + (at + 1) + ": " + expected.text());
      }
      Line actual = model.get(found);
      if (!matched.isEmpty()) {
        long[] previous = matched.get(matched.size() - 1);
        long seedStep = expected.ms() - previous[0];
        long modelStep = actual.ms() - previous[1];
        if (Math.abs(modelStep - seedStep) > TOLERANCE_MS) {
          errors.add("step to \"" + expected.text() + "\": " + modelStep + " ms, the seed " + seedStep + " ms");
        }
      }
      matched.add(new long[] {expected.ms(), actual.ms()});
      at = found;
    }
    if (!errors.isEmpty()) {
      fail(errors.size() + " step(s) off by more than " + TOLERANCE_MS + " ms:\n" + String.join("\n", errors));
    }
    return matched;
  }

  private static boolean same(String model, String seed) {
    return model.replaceAll("\\s+", "").equals(seed.replaceAll("\\s+", "").replace("charaters", "characters"));
  }

  /** The rendered platform.log: header (with the time of day), message, blank line. */
  private static List<Line> log(Sim r, String host) {
    List<String> lines = r.result().files().get(PlatformLog.path(host)).lines().toList();
    List<Line> entries = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i += 3) {
      entries.add(new Line(ms(lines.get(i).substring(11, 23)), lines.get(i + 1)));
    }
    return entries;
  }

  private static List<Line> golden(String resource) throws IOException {
    try (InputStream in = PlatformLogTimingGoldenTest.class.getResourceAsStream(resource)) {
      List<Line> lines = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        if (!l.isBlank() && !l.startsWith("#")) {
          lines.add(new Line(ms(l.substring(0, 12)), l.substring(15)));
        }
      }
      return lines;
    }
  }

  /** {@code 16:07:09:707} → milliseconds of the day. */
  private static long ms(String hhmmssmmm) {
    String[] p = hhmmssmmm.split(":");
    return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * 1000
        + Long.parseLong(p[3]);
  }
}
