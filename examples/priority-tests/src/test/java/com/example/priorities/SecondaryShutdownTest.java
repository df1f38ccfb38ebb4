package com.example.priorities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Topology;
import java.time.Duration;
import java.util.List;

/**
 * CWM-8: when Sn shuts down gracefully, every Sm with m > n moves up one place and every Sm with m < n keeps its
 * number; when it comes back it registers again and gets the last number.
 */
class SecondaryShutdownTest {
  static Topology.CwmDomain fourGateways() {
    return Topology.cwm("east").gateways("cwmws1", "cwmws2", "cwmws3", "cwmws4")
        .startingEvery(Duration.ofSeconds(2))
        .conf("HeartBeatInterval 20\nSP1_AutoSwitchOver ON\nPrimaryRestartInterval 15");
  }

  @HasimTest
  void shuttingDownS2MovesS3UpAndLeavesS1Alone(Hasim hasim) {
    Sim sim = hasim.topology(fourGateways()).start();
    sim.advanceTo(Duration.ofSeconds(60));
    assertEquals(List.of("cwmws2", "cwmws3", "cwmws4"), sim.priorityList());

    sim.shutdown("cwmws3"); // S2
    sim.advance(Duration.ofSeconds(1));

    sim.assertThat("cwmws2").hasPriority(1);
    sim.assertThat("cwmws4").hasPriority(2);
    sim.assertThat("cwmws1").said("CWM-8", "cwmws4 S3 → S2");
    assertEquals(List.of("cwmws2", "cwmws4"), sim.priorityList());

    sim.start("cwmws3");
    sim.advance(Duration.ofSeconds(10));
    sim.assertThat("cwmws3").hasRole("SECONDARY").hasPriority(3); // back, and last
  }
}
