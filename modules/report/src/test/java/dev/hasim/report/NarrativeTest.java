package dev.hasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasim.kernel.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 19: the story never says "null" and counts agree with their nouns. */
class NarrativeTest {
  @Test
  void aFirstValueReadsAsNowNotFromNull() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("from", null);
    fields.put("to", "NORMAL");
    fields.put("rule", "CWM-4");
    assertEquals("cwmws1 state is now NORMAL (CWM-4).", Narrative.sentence(new TraceEvent(0, "cwmws1", "state", fields)));
    fields.put("from", "DEGRADED");
    assertEquals("cwmws1 state DEGRADED → NORMAL (CWM-4).",
        Narrative.sentence(new TraceEvent(0, "cwmws1", "state", fields)));
  }

  @Test
  void countsAgreeWithTheirNouns() {
    assertEquals("1 event", Narrative.count(1, "event"));
    assertEquals("0 events", Narrative.count(0, "event"));
    assertEquals("1,000 nodes", Narrative.count(1000, "node"));
  }
}
