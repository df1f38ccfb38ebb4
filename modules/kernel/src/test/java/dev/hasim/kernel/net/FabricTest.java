package dev.hasim.kernel.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.Seeds;
import dev.hasim.kernel.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FabricTest {
  private VirtualScheduler clock = new VirtualScheduler();
  private final List<String> received = new ArrayList<>();

  private Fabric fabric(LinkOptions defaults, long seed, String... nodes) {
    Fabric fabric = new Fabric(clock, new LinkTable(defaults, Map.of()), Seeds.stream(seed, "fabric"));
    for (String node : nodes) {
      fabric.attach(node, message -> received.add(clock.nowMs() + " " + node + " <- " + message));
    }
    return fabric;
  }

  private void runAll() {
    long next;
    while ((next = clock.nextDeadline()) != Long.MAX_VALUE) {
      clock.advanceTo(next);
    }
  }

  @Test
  void deliversAfterTheLinkLatency() {
    Fabric fabric = fabric(new LinkOptions(5, 0, 0), 1, "a", "b");
    fabric.send("a", "b", "hello");
    runAll();
    assertEquals(List.of("5 b <- hello"), received);
  }

  @Test
  void lossIsSeededSoTheSameSeedLosesTheSameMessages() {
    List<List<String>> outcomes = new ArrayList<>();
    for (long seed : new long[] {42, 42, 43}) {
      received.clear();
      clock = new VirtualScheduler();
      Fabric fabric = fabric(new LinkOptions(1, 0, 0.3), seed, "a", "b");
      for (int i = 0; i < 1000; i++) {
        fabric.send("a", "b", i);
      }
      runAll();
      outcomes.add(List.copyOf(received));
      assertEquals(1000, fabric.delivered() + fabric.dropped());
      assertTrue(fabric.dropped() > 230 && fabric.dropped() < 370, "about 30 % lost, got " + fabric.dropped());
    }
    assertTrue(outcomes.get(0).equals(outcomes.get(1)), "the same seed loses the same messages");
    assertTrue(!outcomes.get(0).equals(outcomes.get(2)), "another seed loses other messages");
  }

  @Test
  void aOneWayCutStopsOnlyThatDirection() {
    Fabric fabric = fabric(LinkOptions.DEFAULT, 1, "a", "b");
    fabric.apply(new NetworkFault.Cut("a", "b", true));
    fabric.send("a", "b", "lost");
    fabric.send("b", "a", "arrives");
    runAll();
    assertEquals(List.of("1 a <- arrives"), received);
  }

  @Test
  void aPartitionSeparatesGroupsAndHealAllRestoresEverything() {
    Fabric fabric = fabric(LinkOptions.DEFAULT, 1, "a", "b", "c", "d");
    fabric.apply(new NetworkFault.Partition(List.of(List.of("a", "b"), List.of("c"))));
    fabric.send("a", "b", "same side");
    fabric.send("a", "c", "across");
    fabric.send("c", "b", "across back");
    fabric.send("d", "c", "from outside every group");
    runAll();
    assertEquals(List.of("1 b <- same side", "1 c <- from outside every group"), received);
    received.clear();
    fabric.apply(new NetworkFault.HealAll());
    fabric.send("a", "c", "healed");
    runAll();
    assertEquals(List.of("2 c <- healed"), received);
  }

  /** The fabric asks the link table only for nodes a fault names: a node that appears after the fault is one. */
  @Test
  void aCutAppliesToANodeAttachedAfterItAndEndsWithTheHeal() {
    Fabric fabric = fabric(LinkOptions.DEFAULT, 1, "a", "c");
    fabric.apply(new NetworkFault.Cut("a", "b", false));
    fabric.attach("b", message -> received.add(clock.nowMs() + " b <- " + message));
    fabric.send("a", "b", "cut");
    fabric.send("b", "a", "cut back");
    fabric.send("c", "b", "others fine");
    runAll();
    assertEquals(List.of("1 b <- others fine"), received);
    received.clear();
    fabric.apply(new NetworkFault.Heal("a", "b"));
    fabric.send("a", "b", "healed");
    runAll();
    assertEquals(List.of("2 b <- healed"), received);
  }

  @Test
  void anIsolatedNodeNeitherSendsNorReceives() {
    Fabric fabric = fabric(LinkOptions.DEFAULT, 1, "a", "b", "c");
    fabric.apply(new NetworkFault.Isolate("a"));
    fabric.send("a", "b", "out");
    fabric.send("c", "a", "in");
    fabric.send("b", "c", "others fine");
    runAll();
    assertEquals(List.of("1 c <- others fine"), received);
  }

  @Test
  void aMessageInFlightIsLostWhenItsLinkIsCutOrItsReceiverGoesDown() {
    Fabric fabric = fabric(new LinkOptions(10, 0, 0), 1, "a", "b", "c");
    fabric.send("a", "b", "cut in flight");
    fabric.send("a", "c", "receiver gone");
    clock.advanceTo(5_000_000);
    fabric.apply(new NetworkFault.Cut("a", "b", false));
    fabric.detach("c");
    runAll();
    assertTrue(received.isEmpty());
    assertEquals(2, fabric.dropped());
  }

  record OnChannel(String channel, String text) implements Channelled {}

  @Test
  void aChannelCutDropsOnlyThatChannelAndHealingTheLinkRestoresEveryChannel() {
    Fabric fabric = fabric(new LinkOptions(1, 0, 0), 1, "a", "b");
    fabric.apply(new NetworkFault.Cut("a", "b", false, "link1"));
    fabric.send("a", "b", new OnChannel("link1", "lost"));
    fabric.send("b", "a", new OnChannel("link1", "lost too"));
    fabric.send("a", "b", new OnChannel("link2", "via link2"));
    fabric.send("a", "b", "no channel");
    runAll();
    assertEquals(List.of("1 b <- OnChannel[channel=link2, text=via link2]", "1 b <- no channel"), received);
    fabric.apply(new NetworkFault.Cut("a", "b", false, "link2"));
    fabric.apply(new NetworkFault.HealChannel("a", "b", "link1"));
    fabric.send("a", "b", new OnChannel("link1", "healed"));
    fabric.send("a", "b", new OnChannel("link2", "now cut"));
    fabric.apply(new NetworkFault.Heal("a", "b"));
    fabric.send("a", "b", new OnChannel("link2", "healed with the link"));
    runAll();
    assertEquals(List.of("2 b <- OnChannel[channel=link1, text=healed]",
        "2 b <- OnChannel[channel=link2, text=healed with the link]"), received.subList(2, 4));
  }

  @Test
  void degradeChangesOneLinkAndHealRestoresIt() {
    Fabric fabric = fabric(new LinkOptions(1, 0, 0), 1, "a", "b");
    fabric.apply(new NetworkFault.Degrade("a", "b", 50L, null, null));
    fabric.send("b", "a", "slow");
    runAll();
    fabric.apply(new NetworkFault.Heal("a", "b"));
    fabric.send("b", "a", "fast");
    runAll();
    assertEquals(List.of("50 a <- slow", "51 a <- fast"), received);
  }

  @Test
  void jitterStaysWithinItsBound() {
    Fabric fabric = fabric(new LinkOptions(10, 5, 0), 9, "a", "b");
    for (int i = 0; i < 200; i++) {
      fabric.send("a", "b", i);
    }
    runAll();
    for (String line : received) {
      long t = Long.parseLong(line.split(" ")[0]);
      assertTrue(t >= 10 && t <= 15, line);
    }
    assertTrue(received.stream().map(l -> l.split(" ")[0]).distinct().count() > 1, "jitter varies delays");
  }

  @Test
  void faultsReadBackFromTheirTraceFields() {
    List<NetworkFault> faults = List.of(new NetworkFault.Cut("a", "b", true), new NetworkFault.Heal("a", "b"),
        new NetworkFault.Cut("a", "b", false, "link2"), new NetworkFault.HealChannel("a", "b", "link2"),
        new NetworkFault.HealAll(), new NetworkFault.Isolate("c"),
        new NetworkFault.Partition(List.of(List.of("a"), List.of("b", "c"))),
        new NetworkFault.Degrade("a", "b", 3L, null, 0.5));
    for (NetworkFault fault : faults) {
      assertEquals(fault, NetworkFault.fromFields(fault.fields()));
    }
  }
}
