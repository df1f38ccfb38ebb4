package com.example.priorities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Until;
import java.time.Duration;
import java.util.List;

/**
 * CWM-7 and CWM-14: the watchdog restarts the Primary's process. Back within the Secondaries' detection time
 * (2.5 × HeartBeatInterval = 50 s) it is still Primary and the Secondaries re-register; gone for longer, SP1
 * waits PrimaryRestartInterval (15 s), takes over once another Secondary confirms the loss, and the old Primary
 * comes back as the last Secondary.
 */
class PrimaryRestartTest {
  @HasimTest
  void aPrimaryBackWithinTheRestartIntervalStaysPrimary(Hasim hasim) {
    Sim sim = hasim.topology(SecondaryShutdownTest.fourGateways()).start();
    sim.advanceTo(Duration.ofSeconds(80));
    sim.watchdogRestart("cwmws1", Duration.ofSeconds(5));
    sim.advance(Duration.ofSeconds(30));

    sim.assertThat("cwmws1").hasRole("PRIMARY");
    for (String secondary : List.of("cwmws2", "cwmws3", "cwmws4")) {
      sim.assertThat(secondary).hasRole("SECONDARY").believesPrimaryIs("cwmws1").hasState("NORMAL");
    }
    assertEquals(3, sim.priorityList().size(), "every Secondary has re-registered (CWM-7)");
  }

  @HasimTest
  void aPrimaryGoneBeyondTheRestartIntervalIsReplacedBySp1AndReturnsLast(Hasim hasim) {
    Sim sim = hasim.topology(SecondaryShutdownTest.fourGateways()).start();
    sim.advanceTo(Duration.ofSeconds(60));
    sim.watchdogRestart("cwmws1", Duration.ofSeconds(90));

    Duration degraded = sim.advanceUntil(Until.state("cwmws2", "DEGRADED"), Duration.ofSeconds(90));
    Duration takeover = sim.advanceUntil(Until.role("cwmws2", "PRIMARY"), Duration.ofSeconds(60));
    assertTrue(takeover.compareTo(degraded.plusSeconds(15)) >= 0,
        "SP1 waits PrimaryRestartInterval after losing the Primary: degraded " + degraded + ", took over " + takeover);
    sim.assertThat("cwmws2").said("CWM-14", "automatic switchover");

    sim.advanceTo(Duration.ofSeconds(240));
    sim.assertThat("cwmws1").hasRole("SECONDARY").believesPrimaryIs("cwmws2");
    assertEquals(List.of("cwmws3", "cwmws4", "cwmws1"), sim.priorityList());
  }
}
