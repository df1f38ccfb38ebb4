package dev.hasim.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** The run API on a toy model: time, actions, queries, fakes and failure messages. */
class SimTest {
  static final String THREE = """
      name: three-pings
      duration: 60s
      topology:
        ping: {nodes: [a, b, c]}
      """;

  @HasimTest
  void advanceMovesVirtualTimeAndQueriesReadTheTrace(Hasim hasim) {
    Sim sim = hasim.scenario(THREE).start();
    assertEquals("DOWN", sim.role("c"), "nothing happens before the first advance");
    sim.advance(Duration.ofMillis(150));
    assertEquals(Duration.ofMillis(150), sim.now());
    sim.assertThat("a").hasRole("RUNNING").hasPriority(1);
    sim.assertThat("c").isDown();
    sim.advance(Duration.ofSeconds(2));
    assertEquals(List.of("a", "b", "c"), sim.priorityList());
    assertEquals("a", sim.view("c", "last_heard") == null ? null : "a", "c hears a ping");
  }

  @HasimTest
  void actionsAreTheScenarioFilesActions(Hasim hasim) {
    Sim sim = hasim.scenario(THREE).start().advance(Duration.ofSeconds(1));
    sim.isolate("c");
    Duration raised = sim.advanceUntil(Until.alarm("a", 1, true), Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(4), raised, "c was cut off before its first ping (1.2 s): at a's 4 s tick a has "
        + "heard nothing from c for more than three periods");
    sim.act("{heal: all}").crash("b", Duration.ofSeconds(2));
    sim.assertThat("b").isDown();
    sim.advance(Duration.ofSeconds(2));
    sim.assertThat("b").isUp().hasRole("RUNNING");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> sim.act("{crash: zed}"));
    assertTrue(bad.getMessage().contains("unknown node \"zed\""), bad.getMessage());
    assertTrue(bad.getMessage().startsWith("action "), "names the action and where: " + bad.getMessage());
    IllegalArgumentException timed = assertThrows(IllegalArgumentException.class, () -> sim.act("{at: 9s, start: c}"));
    assertTrue(timed.getMessage().contains("leave 'at' out"), timed.getMessage());
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> sim.act("{start: c, crash: a}"));
    assertTrue(two.getMessage().contains("expected exactly one action (crash, cut, degrade, heal, isolate, partition, "
        + "restart, shutdown, start); found start, crash"), two.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sim.advanceTo(Duration.ofSeconds(1)), "never back in time");
  }

  @HasimTest
  void aWrongExpectationFailsNamingNodeInstantExpectedActualAndReproduce(Hasim hasim) {
    Sim sim = hasim.scenario(THREE).seed(3).start().advance(Duration.ofMillis(2500));
    SimAssertionError failure = assertThrows(SimAssertionError.class, () -> sim.assertThat("b").hasPriority(3));
    assertEquals("""
        b at 2.500 s (virtual): priority: expected 3, actual 2 (history: 0.100 s 2 (PING-1))
          seed 3, scenario three-pings (inline.yaml)
          reproduce: mvn test -Dtest='SimTest#aWrongExpectationFailsNamingNodeInstantExpectedActualAndReproduce' \
        -Dhasim.seed=3  (in testkit/)""", failure.getMessage());
    assertEquals("b", failure.node());
    assertEquals(2500, failure.atMs());
  }

  @HasimTest
  void advanceUntilThatNeverHoldsFailsWithTheConditionAndTheActualValue(Hasim hasim) {
    Sim sim = hasim.scenario(THREE).start();
    SimAssertionError failure = assertThrows(SimAssertionError.class,
        () -> sim.advanceUntil(Until.role("a", "LEADER"), Duration.ofSeconds(3)));
    assertTrue(failure.getMessage().startsWith("a at 3.000 s (virtual): role LEADER within 3.000 s: expected role "
        + "LEADER, actual RUNNING"), failure.getMessage());
  }

  @HasimTest
  void aFakePeerRecordsArrivalsAtExactInstantsAndSendsThroughTheNetwork(Hasim hasim) {
    Sim sim = hasim.scenario(THREE).fake("b", FakePeer.on(PingModel.Ping.class,
        (self, ping) -> self.send(ping.from(), new PingModel.Ping("b", -ping.seq())))).start();
    FakePeer b = sim.fake("b");
    var probe = b.probe();
    sim.advance(Duration.ofMillis(1001));
    FakePeer.Delivered first = b.expectNext(PingModel.Ping.class);
    assertEquals(1001, first.atMs(), "a's first tick at 1 s, 1 ms latency");
    assertEquals(new PingModel.Ping("a", 1), first.message());
    sim.advance(Duration.ofMillis(1));
    sim.assertThat("a").hasView("last_heard", "b"); // the scripted answer arrived at 1.002 s
    assertEquals(1002, sim.events("a", "view").get(0).tMs());
    FakePeer.Delivered viaProbe = probe.expectMessageClass(FakePeer.Delivered.class);
    assertEquals(first, viaProbe, "the TestProbe sees the same arrival, instant included");
  }
}
