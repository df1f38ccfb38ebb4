package dev.hasim.kernel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvariantMonitorTest {
  private static final LinkTable LINKS = new LinkTable(LinkOptions.DEFAULT, Map.of());
  private static final List<String> NODES = List.of("a", "b");

  private static TraceEvent role(long t, String node, String to) {
    return new TraceEvent(t, node, "role", Map.of("to", to));
  }

  /** At most one node with role PRIMARY, after a grace period. */
  private static Invariant singlePrimary(long graceMs) {
    return new Invariant() {
      public String name() {
        return "single-primary";
      }

      public long graceMs() {
        return graceMs;
      }

      public void check(WorldState world, Breaches breaches) {
        long primaries = 0;
        for (WorldState.NodeView node : world.nodes()) {
          primaries += "PRIMARY".equals(node.role()) ? 1 : 0;
        }
        if (primaries > 1) {
          breaches.breach("domain", primaries + " primaries");
        }
      }
    };
  }

  @Test
  void aBreachWithoutGraceIsAViolationAtOnceNamingItsCause() {
    List<TraceEvent> trace = List.of(role(0, "a", "PRIMARY"), role(100, "b", "PRIMARY"), role(300, "b", "BACKUP"));
    List<Violation> found = InvariantMonitor.check(trace, NODES, LINKS, List.of(singlePrimary(0)), 1000);
    assertEquals(1, found.size());
    assertEquals(100, found.get(0).tMs());
    assertTrue(found.get(0).cause().contains("t=100ms b role"), found.get(0).cause());
  }

  @Test
  void aBreachShorterThanItsGraceIsNoViolation() {
    List<TraceEvent> trace = List.of(role(0, "a", "PRIMARY"), role(100, "b", "PRIMARY"), role(300, "b", "BACKUP"));
    assertTrue(InvariantMonitor.check(trace, NODES, LINKS, List.of(singlePrimary(500)), 1000).isEmpty());
  }

  @Test
  void aBreachOutlastingItsGraceIsReportedOnceWhenTheGraceEndsEvenWithoutFurtherEvents() {
    List<TraceEvent> trace = List.of(role(0, "a", "PRIMARY"), role(100, "b", "PRIMARY"));
    List<Violation> found = InvariantMonitor.check(trace, NODES, LINKS, List.of(singlePrimary(500)), 10_000);
    assertEquals(1, found.size());
    assertEquals(600, found.get(0).tMs());
    assertEquals(100, found.get(0).sinceMs());
  }

  @Test
  void convergenceIsTheFirstQuietStableInstantAfterAFault() {
    List<TraceEvent> trace = List.of(
        role(0, "a", "PRIMARY"),
        new TraceEvent(1000, "*", "fault", Map.of("action", "crash", "target", "a")),
        role(1000, "a", "DOWN"),
        role(1400, "b", "PRIMARY"),
        role(1500, "b", "PRIMARY2"),
        new TraceEvent(5000, "*", "fault", Map.of("action", "start", "target", "a")));
    List<Convergence.Result> results = Convergence.measure(trace, NODES, LINKS, world -> true, List.of(), 1000, 6000);
    assertEquals(2, results.size());
    assertEquals(1000, results.get(0).detectedMs());
    assertEquals(1500, results.get(0).convergedMs());
    assertNull(results.get(1).detectedMs());
    assertEquals(5000, results.get(1).convergedMs());
  }

  /** Issue 19 item 2: a shutdown at 100 s renumbered at 100.002 s does not absorb a restart at 150 s. */
  @Test
  void aFaultSettlesAtItsLastChangeBeforeTheNextFaultInsteadOfAbsorbingIt() {
    List<TraceEvent> trace = List.of(
        role(0, "a", "PRIMARY"),
        new TraceEvent(100_000, "*", "fault", Map.of("action", "shutdown", "target", "b")),
        role(100_000, "b", "DOWN"),
        role(100_002, "a", "PRIMARY2"),
        new TraceEvent(150_000, "*", "fault", Map.of("action", "start", "target", "b")),
        role(150_006, "b", "SECONDARY"));
    List<Convergence.Result> results =
        Convergence.measure(trace, NODES, LINKS, world -> true, List.of(), fault -> 100_000, 400_000);
    Convergence.Result shutdown = results.get(0);
    assertEquals(100_002, shutdown.convergedMs(), "the last change it caused, not the restart's");
    assertEquals(100_000, shutdown.detectedMs());
    assertEquals(150_000, shutdown.nextFaultMs());
    assertEquals(100_000, shutdown.settleMs());
    assertEquals("settled at 100002 (2 ms); quiet until the next fault at 150000, short of the 100000 settle window",
        shutdown.outcome(Long::toString));
    Convergence.Result restart = results.get(1);
    assertEquals(150_006, restart.convergedMs());
    assertNull(restart.nextFaultMs(), "the last fault has a full window before the end");
  }

  @Test
  void aFaultStillUnsettledWhenTheNextOneComesIsInterruptedByIt() {
    List<TraceEvent> trace = List.of(
        new TraceEvent(1000, "*", "fault", Map.of("action", "crash", "target", "a")),
        role(1000, "a", "DOWN"),
        new TraceEvent(3000, "*", "fault", Map.of("action", "start", "target", "a")),
        role(3000, "a", "PRIMARY"));
    List<Convergence.Result> results = Convergence.measure(trace, NODES, LINKS,
        world -> "PRIMARY".equals(world.node("a").role()), List.of(), 10_000, 20_000);
    assertNull(results.get(0).convergedMs());
    assertEquals(true, results.get(0).interrupted());
    assertEquals("interrupted by the next fault at 3000 before it settled", results.get(0).outcome(Long::toString));
  }

  @Test
  void aSystemThatIsNeverStableNeverConverges() {
    List<TraceEvent> trace = List.of(new TraceEvent(1000, "*", "fault", Map.of("action", "cut")));
    List<Convergence.Result> results = Convergence.measure(trace, NODES, LINKS, world -> false, List.of(), 1000, 9000);
    assertNull(results.get(0).convergedMs());
  }
}
