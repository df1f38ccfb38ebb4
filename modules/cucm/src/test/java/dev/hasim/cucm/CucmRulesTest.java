package dev.hasim.cucm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One group of tests per CUCM rule of docs/rules.md, named with its ID. */
class CucmRulesTest {
  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  static final String CLUSTER = """
      name: t
      duration: 900s
      topology:
        cucm:
          keepalive: 30s
          fallback_delay: 120s
          clusters:
            - name: C1
              publisher: pub1
              subscribers: [cm1, cm2]
              ccm_groups: {G1: [cm1, cm2, pub1]}
              srst: srst1
          phones:
            - {name: SEP000000000001, cluster: C1, count: 3}
      """;

  // ---- PH-1: keepalives every 30 s, three missed = lost, next CCM of the list, fallback, SRST -------------

  @HasimTest
  void PH_1_threeMissedKeepalivesMoveThePhoneToItsStandbyAndItFallsBackAfterTheDelay(Hasim hasim) {
    Sim r = hasim.scenario(CLUSTER).start().advance(s(10));
    assertEquals("cm1", r.view("SEP000000000001", "ccm"));
    assertEquals("cm2", r.view("SEP000000000001", "standby"));
    r.act("crash: cm1");
    r.advance(s(105));
    assertEquals("cm1", r.view("SEP000000000001", "ccm"), "two keepalives missed: still registered with cm1");
    r.advance(s(10));
    assertEquals("cm2", r.view("SEP000000000001", "ccm"), "the third missed keepalive: connection lost, standby cm2");
    assertTrue(r.said("SEP000000000001", "PH-1", "3 keepalives in a row unanswered"));
    r.act("start: cm1");
    r.advance(s(100));
    assertEquals("cm2", r.view("SEP000000000001", "ccm"), "cm1 answers, but not yet for the fallback delay");
    r.advance(s(60));
    assertEquals("cm1", r.view("SEP000000000001", "ccm"), "fallback to PRIMARY after 120 s of answers");
    r.finish();
    assertTrue(r.result().violations().isEmpty(), () -> r.result().violations().toString());
  }

  @HasimTest
  void PH_1_whenEveryCcmIsLostThePhoneRegistersWithSrstForLimitedService(Hasim hasim) {
    Sim r = hasim.scenario(CLUSTER).start().advance(s(10));
    r.act("crash: cm1").act("crash: cm2").act("crash: pub1");
    r.advance(s(150));
    assertEquals("srst1", r.view("SEP000000000002", "ccm"));
    assertEquals(CucmWords.LIMITED, r.state("SEP000000000002"));
    r.act("start: cm2");
    r.advance(s(200));
    assertEquals("cm2", r.view("SEP000000000002", "ccm"), "back from SRST to the first CCM that answers");
    r.finish();
    assertTrue(r.result().violations().isEmpty(), () -> r.result().violations().toString());
  }

  @HasimTest
  void PH_1_aOneWayLossFromTheCcmLooksLikeALostConnectionToThePhone(Hasim hasim) {
    Sim r = hasim.scenario(CLUSTER).start().advance(s(10));
    r.act("cut: {from: cm1, to: SEP000000000003}");
    r.advance(s(120));
    assertEquals("cm2", r.view("SEP000000000003", "ccm"));
    assertEquals("cm1", r.view("SEP000000000001", "ccm"), "the other phones keep cm1");
    r.finish();
    assertTrue(r.result().violations().isEmpty(), () -> r.result().violations().toString());
  }

  @Test
  void PH_1_aCcmGroupHoldsOneToThreeServersOfTheCluster() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> CucmHarness.LOADER.parse("t.yaml",
        CLUSTER.replace("G1: [cm1, cm2, pub1]", "G1: [cm1, cm2, pub1, cm9]")));
    assertTrue(e.getMessage().startsWith("t.yaml:11:26: ccm_groups.G1: expected 1 to 3 CCMs"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> CucmHarness.LOADER.parse("t.yaml",
        CLUSTER.replace("G1: [cm1, cm2, pub1]", "G1: [cm1, cm9]")));
    assertTrue(e.getMessage().contains("cm9 is not a server of cluster C1"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> CucmHarness.LOADER.parse("t.yaml",
        CLUSTER.replace("SEP000000000001", "SEP0000000001")));
    assertTrue(e.getMessage().startsWith("t.yaml:14:"), e.getMessage());
  }

  @HasimTest
  void PH_1_shippedFailoverAndFallback(Hasim hasim) {
    Sim r = CucmHarness.shipped(hasim, "primary-crash-failover-fallback.yaml");
    List<TraceEvent> fallbacks = r.decisions("PH-1").stream().filter(e -> e.string("why").contains("falling back"))
        .toList();
    assertTrue(!fallbacks.isEmpty(), "a fallback decision is traced");
  }
}
