package dev.hasim.cwm;


import dev.hasim.testkit.Hasim;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * CWM-4 and CWM-8 as a property: random domain sizes (2–12), random start orders, random sequences of
 * Secondary shutdowns and restarts with the Primary stable. After each step the priorities are exactly what
 * CWM-8 says — Sn leaves: Sm (m > n) → S(m−1), Sm (m < n) unchanged; a returning Secondary is last — which
 * also means contiguous, 1..k.
 */
class RenumberingProperties {
  /** Fixed, so that the build is reproducible; another seed searches new inputs (docs/testing.md). */
  private static final String FIXED_SEED = "20261203";

  private static final int HEARTBEAT_S = 2;
  private static final int STEP_S = 10;

  @Property(tries = 40, seed = FIXED_SEED)
  void prioritiesFollowCwm8AfterEveryStep(@ForAll @IntRange(min = 2, max = 12) int size,
      @ForAll @IntRange(min = 1, max = 8) int steps, @ForAll long shuffleSeed) {
    Random random = new Random(shuffleSeed);
    List<String> hosts = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      hosts.add("gw" + i);
    }
    List<String> startOrder = new ArrayList<>(hosts);
    java.util.Collections.shuffle(startOrder, random);

    // The oracle: the first starter is Primary; the others register in start order (CWM-4).
    List<String> order = new ArrayList<>(startOrder.subList(1, startOrder.size()));
    List<String> down = new ArrayList<>();
    StringBuilder events = new StringBuilder();
    StringBuilder expect = new StringBuilder();
    long firstStepS = 2L * HEARTBEAT_S + size + STEP_S;
    expect.append("  - {at: ").append(firstStepS - 1).append("s, priorities: {domain: d, order: ").append(order)
        .append("}}\n");
    for (int step = 0; step < steps; step++) {
      long at = firstStepS + (long) step * STEP_S;
      boolean restart = !down.isEmpty() && (order.isEmpty() || random.nextBoolean());
      if (restart) {
        String back = down.remove(random.nextInt(down.size()));
        events.append("  - {at: ").append(at).append("s, start: ").append(back).append("}\n");
        order.add(back); // CWM-8: a restarted Secondary gets the last number
      } else if (!order.isEmpty()) {
        String leaving = order.remove(random.nextInt(order.size())); // Sm, m > n, all move up by one
        events.append("  - {at: ").append(at).append("s, shutdown: ").append(leaving).append("}\n");
        down.add(leaving);
      }
      expect.append("  - {at: ").append(at + STEP_S - 1).append("s, priorities: {domain: d, order: ").append(order)
          .append("}}\n");
    }
    StringBuilder yaml = new StringBuilder("name: renumbering\nduration: ")
        .append(firstStepS + (long) steps * STEP_S + STEP_S).append("s\ntopology:\n  cwm:\n    - domain: d\n")
        .append("      gateways:\n");
    for (int i = 0; i < startOrder.size(); i++) {
      yaml.append("        - {host: ").append(startOrder.get(i)).append(", start: ").append(i).append("s}\n");
    }
    yaml.append("      conf: |\n        DomainGatewayList ").append(String.join(" ", hosts))
        .append("\n        HeartBeatInterval ").append(HEARTBEAT_S).append('\n');
    if (events.length() > 0) {
      yaml.append("events:\n").append(events);
    }
    yaml.append("expect:\n").append(expect).append("  - {invariant: priorities-contiguous}\n")
        .append("  - {invariant: single-primary}\n");

    Hasim.standalone().run(yaml.toString()).assertPassed();
  }
}
