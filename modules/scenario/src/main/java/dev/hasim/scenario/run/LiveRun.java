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
    this.runtime = realtime ? new RealtimeRuntime("hasim-live") : new SimulationRuntime("hasim");
    this.trace = new Trace(runtime.timeline());
    this.fabric = new Fabric(runtime.timeline(), scenario.linkTable(), Seeds.stream(seed, "fabric"));
    fabric.observe(new MessageWindows(scenario, trace));
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
        timeline.scheduleAt(event.atMs() * Timeline.NANOS_PER_MS, () -> context.perform(event.action()));
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

  /** Records the action as a {@code fault} event and applies it, now. */
  public void perform(Action action) {
    requireOpen();
    context.perform(action);
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
