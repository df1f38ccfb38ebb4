package dev.hasim.kernel.node;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.net.LinkOptions;
import dev.hasim.kernel.net.LinkTable;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.trace.Trace;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;

/** A world of one node, "n", started at 0 ms and crashed at the given instants: for tests of the node layer. */
final class OneNode {
  private OneNode() {}

  static List<TraceEvent> run(ActorRuntime runtime, long untilMs, Function<NodeEnv, Behavior<?>> behavior,
      String... crashAtMs) {
    Trace trace = new Trace(runtime.timeline());
    Fabric fabric = new Fabric(runtime.timeline(), new LinkTable(new LinkOptions(1, 0, 0), Map.of()),
        new SplittableRandom(1));
    NodeDirectory nodes = new NodeDirectory(runtime, fabric, trace);
    nodes.add(new NodeSpec("n", "test", behavior, "stop", 0L));
    runtime.timeline().scheduleAt(0, () -> nodes.start("n"));
    for (String at : crashAtMs) {
      runtime.timeline().scheduleAt(Long.parseLong(at) * 1_000_000, () -> nodes.crash("n", "test"));
    }
    runtime.runUntil(untilMs, ActorRuntime.Progress.NONE);
    return trace.events();
  }
}
