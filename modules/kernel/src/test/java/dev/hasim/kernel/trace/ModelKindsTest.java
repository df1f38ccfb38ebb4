package dev.hasim.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.time.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model's own trace kinds: an attribute (from/to, tracked like a role) and a notice (anything else). The
 * kernel knows neither by name; their shape says which is which.
 */
class ModelKindsTest {
  private static final Timeline CLOCK = new Timeline() {
    public long nowNanos() {
      return 0;
    }

    public void scheduleAt(long atNanos, Runnable task) {
      throw new UnsupportedOperationException();
    }
  };

  private final Trace trace = new Trace(CLOCK);
  private final NodeRecorder node = new NodeRecorder("n1", trace, "UP");

  @Test
  void anAttributeIsWrittenWhenItChangesAndClearedWhenTheNodeGoesDown() {
    node.attribute("rank", 2, "R-1");
    node.attribute("rank", 2, "R-1");
    node.attribute("rank", 1, "R-2");
    node.down("crash");
    List<TraceEvent> events = trace.events();
    assertEquals(List.of("rank", "rank", "rank", "role"), events.stream().map(TraceEvent::kind).toList());
    assertEquals(Map.of("from", 2, "to", 1, "rule", "R-2"), events.get(1).fields());
    assertNull(events.get(2).fields().get("to"), "down clears it");
    assertTrue(events.stream().limit(3).allMatch(EventKind::isAttribute));
    assertTrue(EventKind.isChange(events.get(0)), "convergence waits for attributes");
  }

  @Test
  void theWorldStateKeepsAnAttributeFromTheTraceAlone() {
    node.attribute("rank", 3, "R-1");
    WorldState world = new WorldState(List.of("n1"), new LinkTable(LinkOptions.DEFAULT, Map.of()));
    trace.events().forEach(world::apply);
    assertEquals(3, world.node("n1").attribute("rank"));
  }

  @Test
  void aNoticeIsNotAChangeAndCannotLookLikeAnAttribute() {
    node.notice("trap", "trap", "linkDown", "number", null, "rule", "R-3");
    TraceEvent notice = trace.events().get(0);
    assertEquals(Map.of("trap", "linkDown", "rule", "R-3"), notice.fields(), "null fields are left out");
    assertFalse(EventKind.isAttribute(notice));
    assertFalse(EventKind.isChange(notice));
    assertThrows(IllegalArgumentException.class, () -> node.notice("move", "from", 1, "to", 2));
    assertThrows(IllegalArgumentException.class, () -> node.notice(EventKind.ROLE, "x", 1));
    assertThrows(IllegalArgumentException.class, () -> node.attribute(EventKind.STATE, 1, "R-4"));
  }
}
