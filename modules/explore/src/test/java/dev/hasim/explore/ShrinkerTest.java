package dev.hasim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The shrinker on a fake runner: no actors, just a rule saying which schedules fail which property. */
class ShrinkerTest {
  private static ScheduleRun.Outcome outcome(Schedule s, Set<String> failed) {
    return new ScheduleRun.Outcome(s.seed(), failed, Map.of(), Map.of(), "hash", Set.of("b"), false, Set.of());
  }

  /** Twelve groups of one or two events, the liveness phase at 100 s. */
  private static Schedule schedule() {
    List<Schedule.Event> events = new ArrayList<>();
    for (int g = 0; g < 12; g++) {
      events.add(new Schedule.Event(1_234 + g * 3_007L, "cut: [a, b]" + g, g));
      if (g % 2 == 0) {
        events.add(new Schedule.Event(50_321 + g * 1_001L, "heal: [a, b]" + g, g));
      }
    }
    events.add(new Schedule.Event(100_000, "heal: all", Schedule.LIVENESS));
    events.add(new Schedule.Event(100_000, "start: a", Schedule.LIVENESS));
    events.add(new Schedule.Event(100_000, "start: b", Schedule.LIVENESS));
    return new Schedule(7, 100_000, 200_000, events);
  }

  private static boolean has(Schedule s, String body) {
    return s.events().stream().anyMatch(e -> e.body().equals(body));
  }

  @Test
  void keepsOnlyTheGroupsTheFailureNeedsAndRemovesTheirPairsTogether() {
    // "p" fails when the cuts of groups 3 and 8 are both there; "q" whenever group 5 is.
    Function<Schedule, ScheduleRun.Outcome> runner = s -> {
      Set<String> failed = new java.util.TreeSet<>();
      if (has(s, "cut: [a, b]3") && has(s, "cut: [a, b]8")) {
        failed.add("p");
      }
      if (has(s, "cut: [a, b]5")) {
        failed.add("q");
      }
      return outcome(s, failed);
    };
    Schedule failing = schedule();
    Shrinker.Result r = new Shrinker(runner, "p", 1000).shrink(failing, runner.apply(failing));
    List<String> faults = r.schedule().faults().stream().map(Schedule.Event::body).sorted().toList();
    assertEquals(List.of("cut: [a, b]3", "cut: [a, b]8"), faults, "group 8's heal goes too: the failure does not need it");
    assertTrue(r.outcome().failed("p"), "the same property still fails");
  }

  @Test
  void keepsFailingTheSameProperty() {
    // Removing group 2 makes "p" pass but "q" fail: the shrinker must not take that step.
    Function<Schedule, ScheduleRun.Outcome> runner = s -> outcome(s, has(s, "cut: [a, b]2") ? Set.of("p")
        : Set.of("q"));
    Schedule failing = schedule();
    Shrinker.Result r = new Shrinker(runner, "p", 1000).shrink(failing, runner.apply(failing));
    assertTrue(has(r.schedule(), "cut: [a, b]2"));
    assertTrue(r.outcome().failed("p"));
  }

  @Test
  void movesTimesToRoundValuesWhileTheFailureHolds() {
    // Fails while group 4's cut happens at or after 12 s.
    Function<Schedule, ScheduleRun.Outcome> runner = s -> outcome(s, s.events().stream()
        .anyMatch(e -> e.body().equals("cut: [a, b]4") && e.atMs() >= 12_000) ? Set.of("p") : Set.of());
    Schedule failing = schedule();
    Shrinker.Result r = new Shrinker(runner, "p", 1000).shrink(failing, runner.apply(failing));
    Schedule.Event cut = r.schedule().faults().get(0);
    assertEquals("cut: [a, b]4", cut.body());
    assertEquals(60_000, cut.atMs(), "13,262 ms moves to the roundest time that still fails: 1 min (0 would pass)");
  }

  @Test
  void dropsLivenessEventsThatDidNothing() {
    // The outcome says only b was down before the heal and no fault was in force: only "start: b" stays.
    Function<Schedule, ScheduleRun.Outcome> runner = s -> outcome(s, has(s, "cut: [a, b]0") ? Set.of("p")
        : Set.of());
    Schedule failing = schedule();
    Shrinker.Result r = new Shrinker(runner, "p", 1000).shrink(failing, runner.apply(failing));
    List<String> liveness = r.schedule().events().stream().filter(Schedule.Event::liveness)
        .map(Schedule.Event::body).toList();
    assertEquals(List.of("start: b"), liveness);
  }

  @Test
  void stopsAtItsRunBudget() {
    int[] runs = {0};
    Function<Schedule, ScheduleRun.Outcome> runner = s -> {
      runs[0]++;
      return outcome(s, s.groups().size() >= 11 ? Set.of("p") : Set.of());
    };
    Schedule failing = schedule();
    new Shrinker(runner, "p", 5).shrink(failing, runner.apply(failing));
    assertEquals(6, runs[0], "the first run plus five");
  }
}
