package dev.hasim.kernel.node;

import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.NodeRecorder;
import dev.hasim.kernel.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorInitializationException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The lifecycle of every node: start, crash, graceful shutdown, operator commands. Each start is a new
 * incarnation (a fresh actor with fresh state); the kernel, not the model, records STARTING and DOWN, so every
 * model's nodes go down the same way.
 */
public final class NodeDirectory {
  public static final String STARTING = "STARTING";
  public static final String DOWN = "DOWN";

  private final ActorRuntime runtime;
  private final Fabric fabric;
  private final Trace trace;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  public NodeDirectory(ActorRuntime runtime, Fabric fabric, Trace trace) {
    this.runtime = runtime;
    this.fabric = fabric;
    this.trace = trace;
  }

  public synchronized void add(NodeSpec spec) {
    if (slots.containsKey(spec.name())) {
      throw new IllegalArgumentException("node " + spec.name() + " is defined twice");
    }
    slots.put(spec.name(), new Slot(spec, slots.size(), new NodeRecorder(spec.name(), trace, DOWN)));
  }

  public synchronized List<NodeSpec> specs() {
    List<NodeSpec> specs = new ArrayList<>();
    slots.values().forEach(slot -> specs.add(slot.spec));
    return specs;
  }

  public synchronized boolean isRunning(String node) {
    return slot(node).ref != null || slot(node).starting;
  }

  public synchronized NodeRecorder recorder(String node) {
    return slot(node).recorder;
  }

  /** The node's disk, which outlives its incarnations: an operator may edit its files while it is down. */
  public synchronized Map<String, Object> disk(String node) {
    return slot(node).disk;
  }

  /** Starts a new incarnation; false (and nothing happens) if the node is already running. */
  public synchronized boolean start(String node) {
    Slot slot = slot(node);
    if (slot.ref != null || slot.starting) {
      return false;
    }
    long incarnation = ++slot.incarnation;
    NodeEnv env = new NodeEnv(node, fabric, slot.recorder, runtime.timeline(), incarnation, slot.disk);
    @SuppressWarnings("unchecked")
    Behavior<Object> behavior = (Behavior<Object>) slot.spec.behavior().apply(env);
    slot.recorder.role(STARTING, null);
    slot.starting = true;
    runtime.spawn(NodeTimers.prepare(behavior, runtime.timeline()), "n" + slot.index + "-" + incarnation,
        ref -> spawned(slot, incarnation, ref), failure -> stopped(slot, incarnation, env, failure));
    return true;
  }

  private synchronized void spawned(Slot slot, long incarnation, ActorRef<Object> ref) {
    if (slot.incarnation != incarnation) {
      runtime.stop(ref); // superseded before it ran: never let it join the network
      return;
    }
    slot.starting = false;
    slot.ref = ref;
    fabric.attach(slot.spec.name(), Adapter.toClassic(ref));
  }

  /**
   * Abnormal exit (CWM-9 and its kin): no notification runs. The node is down for the network at once;
   * its actor is stopped before it handles anything else sent to it.
   */
  public synchronized boolean crash(String node, String why) {
    Slot slot = slot(node);
    if (slot.ref == null) {
      return false;
    }
    ActorRef<Object> ref = slot.ref;
    markDown(slot, why);
    runtime.stop(ref);
    return true;
  }

  /** Graceful: the model's shutdown message runs its notification; the node is down once its actor stops. */
  public synchronized boolean shutdown(String node) {
    Slot slot = slot(node);
    if (slot.ref == null) {
      return false;
    }
    slot.shuttingDown = true;
    slot.ref.tell(slot.spec.gracefulShutdown());
    return true;
  }

  /** An operator command or signal, straight to the node's process (not through the network). */
  public synchronized boolean command(String node, Object message) {
    Slot slot = slot(node);
    if (slot.ref == null) {
      return false;
    }
    slot.ref.tell(message);
    return true;
  }

  /** The incarnation's actor has stopped (reported by the runtime, which watches every node actor). */
  private synchronized void stopped(Slot slot, long incarnation, NodeEnv env, Throwable failure) {
    NodeTimers<?> timers = env.timersOrNull();
    if (timers != null) {
      timers.cancelAll();
    }
    if (failure != null) {
      Throwable cause = failure instanceof ActorInitializationException && failure.getCause() != null
          ? failure.getCause() : failure;
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
      trace.record(slot.spec.name(), EventKind.NODE_ERROR, fields);
    }
    if (slot.incarnation != incarnation || slot.ref == null) {
      return; // already marked down (crash), or an older incarnation finishing late
    }
    markDown(slot, slot.shuttingDown ? "shut down gracefully"
        : failure != null ? "stopped by an error in its code" : "stopped unexpectedly");
  }

  private void markDown(Slot slot, String why) {
    slot.ref = null;
    slot.shuttingDown = false;
    fabric.detach(slot.spec.name());
    slot.recorder.down(why);
  }

  private Slot slot(String node) {
    Slot slot = slots.get(node);
    if (slot == null) {
      throw new IllegalArgumentException("unknown node " + node);
    }
    return slot;
  }

  private static final class Slot {
    final NodeSpec spec;
    final int index;
    final NodeRecorder recorder;
    /** Survives incarnations: the node's files. Sorted, so iterating it is deterministic. */
    final Map<String, Object> disk = new java.util.TreeMap<>();
    long incarnation;
    ActorRef<Object> ref;
    /** Spawn requested, actor not yet created (it will be within the same instant). */
    boolean starting;
    boolean shuttingDown;

    Slot(NodeSpec spec, int index, NodeRecorder recorder) {
      this.spec = spec;
      this.index = index;
      this.recorder = recorder;
    }
  }
}
