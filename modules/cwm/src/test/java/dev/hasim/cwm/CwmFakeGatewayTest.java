package dev.hasim.cwm;

import static dev.hasim.cwm.CwmHarness.domain;
import static dev.hasim.cwm.CwmHarness.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.testkit.FakePeer;
import dev.hasim.testkit.FakePeer.Delivered;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.Until;
import dev.hasim.testkit.VerifyDeterminism;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * The CWM gateway against a gateway the test plays itself: gw3 of gw1..gw4 (started one second apart,
 * HeartBeatInterval 5) is a {@link FakePeer} whose arrivals a Pekko TestProbe sees with their virtual instants.
 */
class CwmFakeGatewayTest {
  @HasimTest
  @VerifyDeterminism
  void CWM_4_thePrimaryAnswersARegistrationOneLatencyLaterWithTheNextNumber(Hasim hasim) {
    Sim sim = hasim.topology(domain(4, 5)).fake("gw3").start();
    sim.advanceUntil(Until.role("gw1", "PRIMARY"), s(20)); // CWM-3: 2 × HeartBeatInterval after its start
    assertEquals(s(10), sim.now());
    sim.advanceTo(s(15));
    FakePeer gw3 = sim.fake("gw3");
    TestProbe<Delivered> probe = gw3.probe();

    gw3.send("gw1", new CwmGateway.Register("gw3")); // 15.000 s; the links' latency is 1 ms
    sim.advance(Duration.ofMillis(2));

    Delivered reply = probe.expectMessageClass(Delivered.class);
    assertEquals(15_002, reply.atMs(), "handled by gw1 at 15.001 s, its answer back at 15.002 s");
    CwmGateway.Registered registered = reply.as(CwmGateway.Registered.class);
    assertEquals(3, registered.priority(), "gw2 and gw4 registered while gw1 was starting: S1, S2; gw3 is S3");
    assertEquals("gw1", registered.from());
    sim.assertThat("gw1").said("CWM-4", "gw3 registered: S3 (first-come-first-serve)");
  }

  @HasimTest
  void CWM_8_aGatewayThatRegistersTwiceIsTakenForRestartedAndTheOthersMoveUp(Hasim hasim) {
    Sim sim = hasim.topology(domain(4, 5)).fake("gw3").start();
    FakePeer gw3 = sim.fake("gw3");
    sim.advanceTo(Duration.ofMillis(2_500));
    gw3.send("gw1", new CwmGateway.Register("gw3")); // before gw4 (3 s) joins: held until gw1 is Primary
    sim.advanceTo(s(15));
    assertEquals(2, gw3.received(CwmGateway.Registered.class).get(0).priority(), "S2, ahead of gw4");
    sim.assertThat("gw4").hasPriority(3);

    gw3.send("gw1", new CwmGateway.Register("gw3")); // the same gateway again, never having left
    sim.advance(s(1));
    sim.assertThat("gw1").said("CWM-8", "gw3 (S2) restarted and re-registered")
        .said("CWM-8", "gw4 S3 → S2");
    sim.assertThat("gw4").hasPriority(2);
    assertEquals(3, gw3.received(CwmGateway.Registered.class).get(1).priority(), "the last number");
  }

  @HasimTest
  void CWM_11_aRegisteredGatewayThatNeverAnswersIsReportedLostByThePrimary(Hasim hasim) {
    Sim sim = hasim.topology(domain(4, 5)).fake("gw3").start();
    sim.advanceTo(s(15));
    sim.fake("gw3").send("gw1", new CwmGateway.Register("gw3")); // and then never a heartbeat
    Duration lost = sim.advanceUntil(Until.that("gw1 sends cwmSecondaryConnectivityLost",
        s -> !s.events("gw1", "trap").isEmpty()), s(60));
    assertEquals(s(30), lost, "last heard 15.001 s; 2.5 × 5 s later is 27.501 s; gw1 checks every 5 s");
    assertTrue(sim.events("gw1", "trap").get(0).string("why").contains("gw3"));
    assertTrue(sim.fake("gw3").received(CwmGateway.Heartbeat.class).size() >= 2, "gw1 kept sending heartbeats (20 s, 25 s)");
  }
}
