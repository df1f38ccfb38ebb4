package dev.hasim.scenario.run;

import dev.hasim.kernel.Seeds;
import dev.hasim.kernel.net.Fabric;
import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.runtime.RealtimeRuntime;
import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.Trace;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.action.RunContext;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A scenario run that the caller drives step by step: the nodes and the scenario's own events are scheduled
 * as {@link ScenarioRunner#run} does, then {@link #runUntil} lets virtual time pass, {@link #perform} injects an
 * action now, and {@link #finish} seals the trace and judges it exactly as a whole run is judged. What a test
 * does between two steps happens on the driver thread at one instant, so the run stays a pure function of
 * (scenario, seed, the test's steps).
 */
public final class LiveRun implements AutoCloseable {
  private final Scenario scenario;
  private final long seed;
  private final boolean realtime;
  private final ActorRuntime runtime;
  private final Trace trace;
  private final Fabric fabric;
  private final NodeDirectory directory;
  private final RunContext context;
  private final MessageWindows windows;
  private final long wallStart = System.nanoTime(); // measures the computation, never read by simulated code
  private long reachedMs;
  private RunResult result;
  private boolean closed;
  private RunResult.Stats stats;

  /**
   * Builds the run; {@code substitute} may replace a node's spec (same name), e.g. with a test's fake peer.
   * Nothing runs until {@link #runUntil}.
   */
  public LiveRun(Scenario scenario, ScenarioRunner.Options options, UnaryOperator<NodeSpec> substitute) {
    this.scenario = scenario;
    this.seed = options.seed() != null ? options.seed() : scenario.seed();
    this.realtime = options.realtime();
    this.runtime = realtime ? new RealtimeRuntime("hasim-live") : SimulationRuntime.lease();
    this.trace = new Trace(runtime.timeline());
    this.fabric = new Fabric(runtime.timeline(), scenario.linkTable(), Seeds.stream(seed, "fabric"));
    this.windows = new MessageWindows(scenario, trace, fabric);
    fabric.observe(windows);
    this.directory = new NodeDirectory(runtime, fabric, trace);
    this.context = new RunContext(runtime.timeline(), fabric, directory, trace);
    try {
      Timeline timeline = runtime.timeline();
      for (NodeSpec original : scenario.nodes()) {
        NodeSpec spec = substitute.apply(original);
        if (!spec.name().equals(original.name())) {
          throw new IllegalArgumentException("a substitute must keep the node's name: " + original.name()
              + " became " + spec.name());
        }
        directory.add(spec);
        if (spec.startAtMs() != null) {
          timeline.scheduleAt(spec.startAtMs() * Timeline.NANOS_PER_MS, () -> directory.start(spec.name()));
        }
      }
      for (Scenario.TimedAction event : scenario.events()) {
        schedule(event.atMs(), event.action());
      }
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  public Scenario scenario() {
    return scenario;
  }

  public long seed() {
    return seed;
  }

  public RunContext context() {
    return context;
  }

  public Timeline timeline() {
    return runtime.timeline();
  }

  public ActorRuntime runtime() {
    return runtime;
  }

  /** Virtual now, in ms: how far the run has been driven. */
  public long nowMs() {
    return reachedMs;
  }

  /** Lets virtual time run to {@code endMs} (everything due at it included); never backwards. */
  public void runUntil(long endMs, ActorRuntime.Progress progress) {
    requireOpen();
    if (endMs < reachedMs) {
      throw new IllegalArgumentException("cannot go back in time: now " + reachedMs + " ms, asked " + endMs + " ms");
    }
    runtime.runUntil(endMs, progress);
    reachedMs = endMs;
  }

  /**
   * Records the action as a {@code fault} event and applies it, now; the messages of the reaction are recorded
   * as for a file's event.
   */
  public void perform(Action action) {
    requireOpen();
    windows.open(runtime.timeline().nowMs(), action);
    context.perform(action);
  }

  private void schedule(long atMs, Action action) {
    runtime.timeline().scheduleAt(atMs * Timeline.NANOS_PER_MS, () -> {
      windows.open(runtime.timeline().nowMs(), action);
      context.perform(action);
    });
  }

  /**
   * Live (hasim play): runs every instant due by {@code ms} and leaves the clock at the last one that ran; the
   * instants and their order are those of one {@link #runUntil} over the whole span.
   */
  public void runThrough(long ms) {
    requireOpen();
    sim().runThrough(ms * Timeline.NANOS_PER_MS, ActorRuntime.Progress.NONE, ms);
    reachedMs = Math.max(reachedMs, ms);
  }

  /** The next instant anything is due, in nanoseconds; {@code Long.MAX_VALUE} when nothing is. */
  public long nextInstantNanos() {
    return sim().scheduler().nextDeadline();
  }

  /**
   * Schedules {@code action} at the first whole millisecond that is at least {@code notBeforeMs}, later than
   * every instant that has run, and has nothing waiting yet; returns it. There it runs before anything else of
   * that instant, which is where the scenario runner puts the same event read from a file (a file's events are
   * scheduled before the run starts, so they come first in their instant). Hence a live run saved as a scenario
   * reruns to the same trace hash. Instants before it that have not run yet run as usual, before it, in both.
   */
  public long inject(Action action, long notBeforeMs) {
    requireOpen();
    SimulationRuntime sim = sim();
    long atMs = Math.max(notBeforeMs, sim.scheduler().nowNanos() / Timeline.NANOS_PER_MS + 1);
    while (sim.scheduler().hasTaskAt(atMs * Timeline.NANOS_PER_MS)) {
      atMs++;
    }
    schedule(atMs, action);
    return atMs;
  }

  public Trace trace() {
    return trace;
  }

  private SimulationRuntime sim() {
    if (!(runtime instanceof SimulationRuntime sim)) {
      throw new IllegalStateException("stepping instant by instant needs the simulation runtime, not --realtime");
    }
    return sim;
  }

  /** The trace so far (a copy). */
  public List<TraceEvent> events() {
    return trace.events();
  }

  /** The trace from event {@code index} on (a copy), for readers that follow the run as it goes. */
  public List<TraceEvent> eventsFrom(int index) {
    return trace.eventsFrom(index);
  }

  public boolean finished() {
    return result != null;
  }

  /**
   * Ends the run where it stands and judges it as {@link ScenarioRunner#run} would a run whose duration ends
   * now: invariants, convergence, and the scenario's expectations up to now (later ones never came due).
   */
  public RunResult finish() {
    if (result != null) {
      return result;
    }
    close();
    List<TraceEvent> events = trace.events();
    Scenario judged = reachedMs == scenario.durationMs() ? scenario : new Scenario(scenario.source(),
        scenario.name(), scenario.description(), scenario.seed(), Math.max(1, reachedMs), scenario.network(),
        scenario.links(), scenario.settleMs(), scenario.topologies(),
        scenario.events().stream().filter(e -> e.atMs() <= reachedMs).toList(),
        scenario.expectations().stream().filter(e -> e.atMs() == null || e.atMs() <= reachedMs).toList());
    result = ScenarioRunner.judge(judged, seed, realtime, events, TraceFormat.jsonl(events), stats);
    return result;
  }

  /** Ends the run without judging it (after a failed test, say); idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      // Counted before shutdown: the run's volumes, not Pekko's teardown.
      stats = new RunResult.Stats((System.nanoTime() - wallStart) / 1_000_000,
          runtime instanceof SimulationRuntime sim ? sim.scheduler().tasksRun() : 0,
          fabric.sent(), fabric.delivered(), fabric.dropped(), scenario.nodes().size());
      trace.seal(); // whatever the actors do while the system shuts down is not part of the run
      runtime.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the run has finished at " + reachedMs + " ms");
    }
  }
}
