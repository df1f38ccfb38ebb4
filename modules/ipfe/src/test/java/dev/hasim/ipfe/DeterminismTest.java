package dev.hasim.ipfe;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.HasimTest;
import dev.hasim.testkit.Sim;
import dev.hasim.testkit.VerifyDeterminism;
import java.time.Duration;

/** A run is a pure function of (scenario, seed): tested, not hoped for. */
class DeterminismTest {
  private static final String JITTERY = """
      name: jittery
      duration: 60s
      network: {latency: 2ms, jitter: 40ms, loss: 0}
      topology:
        ipfe:
          - servers: [IPFE-A1, IPFE-A2, IPFE-B1, IPFE-B2]
      events:
        - {at: 5s, degrade: {link: [IPFE-B1, IPFE-B2], loss: 45%}}
        - {at: 10s, cut: {from: IPFE-A1, to: IPFE-A2}}
        - {at: 20s, heal: all}
        - {at: 30s, crash: {node: IPFE-B2, restart_after: 4s}}
      """;

  @HasimTest
  @VerifyDeterminism
  void theSameSeedGivesTheSameTraceHash(Hasim hasim) {
    hasim.scenario(JITTERY).seed(42).start().runToEnd();
  }

  @HasimTest
  void anotherSeedWithJitterGivesAnotherTrace(Hasim hasim) {
    Sim first = hasim.scenario(JITTERY).seed(42).start().advance(Duration.ofSeconds(60));
    Sim second = hasim.scenario(JITTERY).seed(43).start().advance(Duration.ofSeconds(60));
    assertNotEquals(first.traceSha256(), second.traceSha256());
  }
}
