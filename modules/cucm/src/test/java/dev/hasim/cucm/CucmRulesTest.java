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

  /**
   * Found by hasim explore (sim-scenarios/regressions): cm1 accepted a restarted phone's Register just before a
   * partition lost its answer. cm1 holds it for three intervals from that Register, and the at-most-one
   * invariant's grace restarts there, not at the phone's crash 67 s earlier.
   */
  @HasimTest
  void PH_1_aRegistrationWhoseAnswerACutLostIsHeldThreeIntervalsFromTheRegister(Hasim hasim) {
    Sim r = hasim.run(CucmHarness.SHIPPED.resolveSibling("regressions")
        .resolve("cucm-registration-answer-lost-to-a-cut.yaml")).assertPassed();
    List<TraceEvent> phones = r.events("cm1", CucmWords.REGISTERED_PHONES);
    TraceEvent drop = phones.stream().filter(e -> e.tMs() > 127_000 && e.number("to") == 3)
        .findFirst().orElseThrow();
    assertEquals(241_000, drop.tMs(), "dropped at the first sweep three intervals after 126.913 s, counted at 241 s");
    assertTrue(r.events("cm1", CucmWords.REGISTRATIONS_ACCEPTED).stream().anyMatch(e -> e.tMs() == 127_913),
        "the accepted Register is published with the counter");
  }

  // ---- PH-2: renew at half-life, rebind at 7/8, NAK or expiry = release and reset -------------------------

  static final String DHCP = """
      name: t
      duration: 3000s
      topology:
        cucm:
          dhcp_servers: [dhcp1]
          clusters:
            - {name: C1, publisher: pub1, subscribers: [cm1], ccm_groups: {G1: [cm1, pub1]}}
          phones:
            - {name: SEP000000000001, cluster: C1, dhcp: dhcp1, lease: 800s}
      """;

  @HasimTest
  void PH_2_thePhoneRenewsItsLeaseAtHalfLifeAndKeepsItsAddress(Hasim hasim) {
    Sim r = hasim.scenario(DHCP).start().advance(s(2000));
    assertEquals("10.0.0.1", r.view("SEP000000000001", "ip"));
    assertEquals(4, r.decisions("SEP000000000001", "PH-2").stream()
        .filter(e -> e.string("why").contains("lease renewed")).count(), "renewed at 400, 800, 1200, 1600 s");
    assertEquals(null, r.view("SEP000000000001", "resets"));
  }

  @HasimTest
  void PH_2_aNakMakesThePhoneReleaseItsAddressAndResetNotJustReRegister(Hasim hasim) {
    Sim r = hasim.scenario(DHCP).start().advance(s(10));
    r.act("dhcp: {server: dhcp1, nak: true}");
    r.advance(s(391));
    assertEquals(CucmWords.RESETTING, r.state("SEP000000000001"), "NAK at half-life (400 s): reset");
    assertEquals(null, r.view("SEP000000000001", "ip"), "address released");
    assertTrue(r.said("SEP000000000001", "PH-2", "NAK"));
    r.advance(s(30));
    assertEquals("cm1", r.view("SEP000000000001", "ccm"), "fresh lease, registered again");
  }

  @HasimTest
  void PH_2_anUnreachableServerAtExpiryResetsThePhone(Hasim hasim) {
    Sim r = hasim.scenario(DHCP).start().advance(s(10));
    r.act("crash: dhcp1");
    r.advance(s(785));
    assertEquals("cm1", r.view("SEP000000000001", "ccm"), "T1 and T2 unanswered, lease still valid");
    r.advance(s(10));
    assertEquals(CucmWords.RESETTING, r.state("SEP000000000001"), "lease expired at 800 s: reset");
  }

  @HasimTest
  void PH_2_resetsAtTheHalfLifePeriodAreDiagnosedAsADhcpServerFault(Hasim hasim) {
    Sim r = CucmHarness.shipped(hasim, "dhcp-nak.yaml");
    assertTrue(r.result().diagnoses().stream().anyMatch(d -> d.contains("half-life period point to the DHCP "
        + "server dhcp1")), () -> r.result().diagnoses().toString());
  }

  // ---- PH-3: subscribers from a synchronised publisher only, stratum + 1, never stratum >= 10 ------------

  @HasimTest
  void PH_3_subscribersSynchroniseOnlyOnceThePublisherIsAndOneStratumAbove(Hasim hasim) {
    Sim r = CucmHarness.shipped(hasim, "ntp-publisher-loses-source.yaml");
    long pubSynced = r.events("cm-pub", "state").stream().filter(e -> "SYNCHRONISED".equals(e.string("to")))
        .findFirst().orElseThrow().tMs();
    long subSynced = r.events("cm-sub1", "state").stream().filter(e -> "SYNCHRONISED".equals(e.string("to")))
        .findFirst().orElseThrow().tMs();
    assertTrue(subSynced > pubSynced, "the subscriber waits for its publisher");
    assertTrue(r.said("cm-sub1", "PH-3", "not synchronised itself"));
    assertTrue(r.said("cm-pub", "PH-3", "a source at stratum 10 or more is never used"));
  }

  @HasimTest
  void PH_3_aPublisherOnItsInternalClockIsNeverASourceForItsSubscribers(Hasim hasim) {
    Sim r = hasim.scenario("""
        name: t
        duration: 900s
        topology:
          cucm:
            clusters:
              - {name: C1, publisher: pub1, subscribers: [sub1], ccm_groups: {G1: [sub1]}, ntp: []}
        """).start().advance(s(900));
    assertEquals(CucmWords.LOCAL_CLOCK, r.state("pub1"));
    assertEquals(CucmWords.UNSYNCHRONISED, r.state("sub1"));
    assertTrue(r.said("sub1", "PH-3", "stratum 10"));
  }

  // ---- EMCC-1: visiting cluster, home cluster lookup, home login, home CCM list ---------------------------

  @HasimTest
  void EMCC_1_aVisitingPhoneLogsInAtHomeAndRegistersWithTheHomeCcmList(Hasim hasim) {
    Sim r = CucmHarness.shipped(hasim, "emcc-login.yaml");
    assertEquals("adgjm@ClusterTwo", r.view("SEPC80084AA8743", "emcc"));
    assertEquals("clstr-2-pub", r.view("SEPC80084AA8743", "ccm"));
    assertTrue(r.said("clstr-2-pub", "EMCC-1", "auto-logout in 36000 s"));
    assertTrue(r.events("cucm-115", "log").stream().anyMatch(e -> e.string("message")
        .contains("Successfully performed Login for user adgjm at SEPC80084AA8743")));
  }

  @HasimTest
  void EMCC_1_homeClusterUnreachable(Hasim hasim) {
    Sim r = CucmHarness.shipped(hasim, "emcc-home-unreachable.yaml");
    assertTrue(r.said("SEPC80084AA8743", "EMCC-1", "home cluster not found"));
    assertEquals("c1-sub1", r.view("SEPC80084AA8743", "ccm"));
  }

  /** The EMCC lab of seed 001 with no events: the tests act on it. */
  private static String emccLab() {
    String yaml = read("emcc-login.yaml");
    return yaml.substring(0, yaml.indexOf("events:"));
  }

  @HasimTest
  void EMCC_1_theLinkCutMidLoginFailsTheLogin(Hasim hasim) {
    Sim r = hasim.scenario(emccLab()).start().advance(s(30));
    r.act("emcc_login: {phone: SEPC80084AA8743, user: adgjm}");
    r.advanceTo(Duration.ofMillis(30_018)); // the home cluster has the login request, its answer is on the way
    r.act("cut: [cucm-115, clstr-2-pub]");
    r.advance(s(20));
    assertTrue(r.said("SEPC80084AA8743", "EMCC-1", "did not answer the login"));
    assertEquals("c1-sub1", r.view("SEPC80084AA8743", "ccm"));
  }

  @HasimTest
  void EMCC_1_aUserUnknownEverywhereFails(Hasim hasim) {
    Sim r = hasim.scenario(emccLab()).start().advance(s(30));
    r.act("emcc_login: {phone: SEPC80084AA8743, user: nobody}");
    r.advance(s(20));
    assertTrue(r.said("SEPC80084AA8743", "EMCC-1", "Unknown user: nobody"));
    assertEquals("c1-sub1", r.view("SEPC80084AA8743", "ccm"));
  }

  private static String read(String file) {
    try {
      return java.nio.file.Files.readString(CucmHarness.SHIPPED.resolve(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
