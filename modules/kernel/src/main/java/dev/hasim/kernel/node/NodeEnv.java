package dev.hasim.kernel.node;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.NodeRecorder;

/**
 * Everything a node actor is given by the world: its name, a way to send to peers by name, its pen on the
 * trace and the clock. Nothing else: no other node's ActorRef, no wall clock, no unseeded randomness.
 */
public final class NodeEnv {
  private final String self;
  private final Fabric fabric;
  private final NodeRecorder recorder;
  private final Timeline timeline;
  private final long incarnation;

  NodeEnv(String self, Fabric fabric, NodeRecorder recorder, Timeline timeline, long incarnation) {
    this.self = self;
    this.fabric = fabric;
    this.recorder = recorder;
    this.timeline = timeline;
    this.incarnation = incarnation;
  }

  public String self() {
    return self;
  }

  public void send(String to, Object message) {
    fabric.send(self, to, message);
  }

  public NodeRecorder trace() {
    return recorder;
  }

  public long nowMs() {
    return timeline.nowMs();
  }

  /** 1 for the first start, then one more per restart. */
  public long incarnation() {
    return incarnation;
  }

  /** An environment for actor unit tests, with the test's own fabric and recorder. */
  public static NodeEnv forTest(String self, Fabric fabric, NodeRecorder recorder, Timeline timeline) {
    return new NodeEnv(self, fabric, recorder, timeline, 1);
  }
}
