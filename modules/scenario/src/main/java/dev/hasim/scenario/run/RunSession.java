package dev.hasim.scenario.run;

import dev.hasim.kernel.Seeds;
import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.Trace;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.RunContext;
import java.util.List;

/**
 * One run's machinery: runtime, trace, fabric, nodes, the scenario's starts and events on the timeline. A
 * scenario run ({@link ScenarioRunner}) runs it to the end in one go; a live run (hasim play) runs it in slices
 * and injects events as a class clicks them, at instants chosen so that the same events read from a file give
 * the same trace ({@link #inject}). Driven from one thread: the one that created it.
 */
public final class RunSession implements AutoCloseable {
  private final Scenario scenario;
  private final long seed;
  private final ActorRuntime runtime;
  private final Trace trace;
  private final Fabric fabric;
  private final MessageWindows windows;
  private final RunContext run;
  private boolean closed;

  public RunSession(Scenario scenario, long seed, ActorRuntime runtime) {
    this.scenario = scenario;
    this.seed = seed;
    this.runtime = runtime;
    this.trace = new Trace(runtime.timeline());
    this.fabric = new Fabric(runtime.timeline(), scenario.linkTable(), Seeds.stream(seed, "fabric"));
    this.windows = new MessageWindows(scenario, trace);
    fabric.observe(windows);
    NodeDirectory directory = new NodeDirectory(runtime, fabric, trace);
    this.run = new RunContext(runtime.timeline(), fabric, directory, trace);
    for (NodeSpec spec : scenario.nodes()) {
      directory.add(spec);
    }
    Timeline timeline = runtime.timeline();
    for (NodeSpec spec : scenario.nodes()) {
      if (spec.startAtMs() != null) {
        timeline.scheduleAt(spec.startAtMs() * Timeline.NANOS_PER_MS, () -> directory.start(spec.name()));
      }
    }
    for (Scenario.TimedAction event : scenario.events()) {
      schedule(event.atMs(), event.action());
    }
  }

  /** A simulation session (virtual time), as hasim play runs it. */
  public static RunSession simulated(Scenario scenario, long seed) {
    return new RunSession(scenario, seed, new SimulationRuntime("hasim"));
  }

  private void schedule(long atMs, Action action) {
    runtime.timeline().scheduleAt(atMs * Timeline.NANOS_PER_MS, () -> {
      windows.open(runtime.timeline().nowMs(), action);
      run.perform(action);
    });
  }

  public Scenario scenario() {
    return scenario;
  }

  public long seed() {
    return seed;
  }

  public ActorRuntime runtime() {
    return runtime;
  }

  public Fabric fabric() {
    return fabric;
  }

  public Trace trace() {
    return trace;
  }

  /** Runs to the end of {@code endMs} as a scenario run does, progress reported. */
  public void runUntil(long endMs, ActorRuntime.Progress progress) {
    runtime.runUntil(endMs, progress);
  }

  /** Live: runs every instant due by {@code ms}; the clock stays at the last instant that ran. */
  public void runThrough(long ms) {
    sim().runThrough(ms * Timeline.NANOS_PER_MS, ActorRuntime.Progress.NONE, ms);
  }

  /** The next instant anything is due, in nanoseconds; {@code Long.MAX_VALUE} when nothing is. */
  public long nextInstantNanos() {
    return sim().scheduler().nextDeadline();
  }

  /** The clock: the last instant that ran. */
  public long nowNanos() {
    return runtime.timeline().nowNanos();
  }

  /**
   * Schedules {@code action} at the first whole millisecond that is at least {@code notBeforeMs}, later than
   * every instant that has run, and has nothing waiting yet; returns it. There it runs before anything else of
   * that instant, which is where the scenario runner puts the same event read from a file (events are scheduled
   * before the run starts, so they come first in their instant). Hence the saved scenario's trace hash equals the
   * live run's. Instants before it that have not run yet run as usual, before it, in both.
   */
  public long inject(Action action, long notBeforeMs) {
    SimulationRuntime sim = sim();
    long nowNanos = sim.scheduler().nowNanos();
    long atMs = Math.max(notBeforeMs, nowNanos / Timeline.NANOS_PER_MS + 1);
    while (sim.scheduler().hasTaskAt(atMs * Timeline.NANOS_PER_MS)) {
      atMs++;
    }
    schedule(atMs, action);
    return atMs;
  }

  /** The trace so far (a copy). */
  public List<TraceEvent> events() {
    return trace.events();
  }

  private SimulationRuntime sim() {
    if (!(runtime instanceof SimulationRuntime sim)) {
      throw new IllegalStateException("live stepping needs the simulation runtime");
    }
    return sim;
  }

  /** Seals the trace (what actors do during shutdown is not part of the run) and stops the actor system. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      trace.seal();
    } finally {
      runtime.close();
    }
  }
}
