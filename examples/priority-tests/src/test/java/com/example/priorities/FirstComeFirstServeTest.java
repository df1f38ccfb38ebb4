package com.example.priorities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Seeds;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Topology;
import java.time.Duration;
import java.util.List;

/**
 * CWM-4: the Primary numbers Secondaries in the order they register. Two gateways join a running domain one
 * after the other and get the next two numbers in their order of arrival.
 *
 * <p>They join 500 ms apart. Joins only a few milliseconds apart are a known defect of today's model (the
 * later joiner can register twice and end up ahead); this test keeps to what the model gets right.
 */
class FirstComeFirstServeTest {
  static final Duration APART = Duration.ofMillis(500);

  static Topology.CwmDomain domainWithTwoLateJoiners() {
    return Topology.cwm("east").gateways("cwmws1", "cwmws2", "cwmws3", "cwmws4")
        .startingEvery(Duration.ofSeconds(2)).startNever("cwmws3").startNever("cwmws4")
        .conf("HeartBeatInterval 20\nSP1_AutoSwitchOver ON\nPrimaryRestartInterval 15");
  }

  @HasimTest
  void twoJoinersAreNumberedInTheirOrderOfArrival(Hasim hasim) {
    Sim sim = hasim.topology(domainWithTwoLateJoiners()).start();
    sim.advanceTo(Duration.ofSeconds(60));
    assertEquals(List.of("cwmws2"), sim.priorityList());

    sim.start("cwmws4"); // cwmws4 first, although it is listed after cwmws3
    sim.advance(APART);
    sim.start("cwmws3");
    sim.advance(Duration.ofSeconds(60));

    sim.assertThat("cwmws4").hasRole("SECONDARY").hasPriority(2);
    sim.assertThat("cwmws3").hasRole("SECONDARY").hasPriority(3);
    assertEquals(List.of("cwmws2", "cwmws4", "cwmws3"), sim.priorityList());
  }

  /** The same with jitter on every link: each seed another timing, the same order. */
  @Seeds(from = 1, to = 10)
  void theOrderHoldsWhateverTheJitter(Hasim hasim) {
    Sim sim = hasim.topology(domainWithTwoLateJoiners().network(Duration.ofMillis(500), Duration.ofMillis(20), 0))
        .start();
    sim.advanceTo(Duration.ofSeconds(60)).start("cwmws4").advance(APART).start("cwmws3");
    sim.advance(Duration.ofSeconds(60));
    assertEquals(List.of("cwmws2", "cwmws4", "cwmws3"), sim.priorityList());
  }
}
