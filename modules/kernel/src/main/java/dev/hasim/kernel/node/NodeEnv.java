package dev.hasim.kernel.node;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.NodeRecorder;
import java.util.Map;

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
  private final Map<String, Object> disk;
  private NodeTimers<?> timers;
  private Fabric.Endpoint selfEndpoint;
  private Fabric.Endpoint lastPeer;
  /**
   * The name {@link #lastPeer} was asked for, as the caller's own string: a model names its peer with the same
   * string every time, and that string is often not the endpoint's (IPFE builds a server's mate name apart from
   * the mate's own), so comparing the endpoint's name would read both strings' bytes on every message — four
   * cache misses at 10,000 nodes — where this compares one reference.
   */
  private String lastPeerName;

  NodeEnv(String self, Fabric fabric, NodeRecorder recorder, Timeline timeline, long incarnation,
      Map<String, Object> disk) {
    this.disk = disk;
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
    if (selfEndpoint == null) {
      selfEndpoint = fabric.endpoint(self);
    }
    // Most nodes talk to one peer at a time (a mate, a Primary): keep its endpoint at hand.
    if (lastPeerName != to && (lastPeerName == null || !lastPeerName.equals(to))) {
      lastPeer = fabric.endpoint(to);
      lastPeerName = to;
    }
    fabric.send(selfEndpoint, lastPeer, message);
  }

  public NodeRecorder trace() {
    return recorder;
  }

  public long nowMs() {
    return timeline.nowMs();
  }

  /** Virtual (or wall-clock) time in nanoseconds, for models whose steps take less than a millisecond. */
  public long nowNanos() {
    return timeline.nowNanos();
  }

  /** 1 for the first start, then one more per restart. */
  public long incarnation() {
    return incarnation;
  }

  /**
   * The node's disk: what survives a crash or restart (configuration files, "already discovered the
   * network"). Everything else an incarnation knows dies with it. Keys are the model's own.
   */
  public Map<String, Object> disk() {
    return disk;
  }

  /**
   * The node's timers (use instead of {@code Behaviors.withTimers}: the same API and semantics, without
   * Pekko's per-message logging context; see {@link NodeTimers}). One set per incarnation, made on first call
   * from the node's {@code Behaviors.setup}.
   */
  @SuppressWarnings("unchecked")
  public <T> org.apache.pekko.actor.typed.javadsl.TimerScheduler<T> timers(
      org.apache.pekko.actor.typed.javadsl.ActorContext<T> ctx) {
    if (timers == null) {
      timers = new NodeTimers<T>(ctx);
    }
    return (NodeTimers<T>) timers;
  }

  /** The incarnation's timers, or null if it never asked for any. */
  NodeTimers<?> timersOrNull() {
    return timers;
  }

  /** An environment for actor unit tests, with the test's own fabric and recorder. */
  public static NodeEnv forTest(String self, Fabric fabric, NodeRecorder recorder, Timeline timeline) {
    return new NodeEnv(self, fabric, recorder, timeline, 1, new java.util.TreeMap<>());
  }
}
