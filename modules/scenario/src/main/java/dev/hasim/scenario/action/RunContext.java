package dev.hasim.scenario.action;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.Trace;
import java.util.Map;

/** What an action may touch while a run is in progress. */
public record RunContext(Timeline timeline, Fabric fabric, NodeDirectory nodes, Trace trace) {
  /** Records an action as the trace's {@code fault} event, then applies it: the one way actions happen. */
  public void perform(Action action) {
    trace.record(action.target(), EventKind.FAULT, action.fields());
    action.apply(this);
  }

  /** Performs {@code action} {@code delayMs} from now (a crash's automatic restart, a restart's start). */
  public void performLater(long delayMs, Action action) {
    timeline.scheduleAfterMs(delayMs, () -> perform(action));
  }

  public static Map<String, Object> fields(Object... keyValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        map.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return map;
  }
}
