package dev.hasim.testkit;

import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.runtime.ActorRuntime;
import dev.hasim.kernel.runtime.SimulationRuntime;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.run.LiveRun;
import dev.hasim.scenario.run.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * One simulation a test drives in virtual time: the scenario's nodes and events are scheduled, and nothing
 * happens until the test calls {@link #advance}. Between two calls the test may inject actions (they happen at
 * the current instant, in call order), send from {@link FakePeer}s, and read what the trace says: every query
 * reads the world state rebuilt from the trace, the one record every report reads too.
 *
 * <p>Made by {@link Hasim}; closed (and its invariants judged) when the test ends.
 */
public final class Sim extends Actions<Sim> implements AutoCloseable {
  private final Hasim owner;
  private final ScenarioLoader loader;
  private final LiveRun run;
  private final Map<String, FakePeer> fakes;
  private final WorldState world;
  private final List<TraceEvent> seen = new ArrayList<>();
  private int applied;
  private int actions;
  private ActorTestKit testKit;

  Sim(Hasim owner, ScenarioLoader loader, LiveRun run, Map<String, FakePeer> fakes) {
    this.owner = owner;
    this.loader = loader;
    this.run = run;
    this.fakes = fakes;
    this.world = new WorldState(run.scenario().nodeNames(), run.scenario().linkTable());
    fakes.values().forEach(f -> f.attach(this, run));
  }

  // ---- Time ------------------------------------------------------------------------------------------------

  /** Lets {@code duration} of virtual time pass; everything due up to the new instant has happened. */
  public Sim advance(Duration duration) {
    return advanceTo(Duration.ofMillis(run.nowMs() + duration.toMillis()));
  }

  /** Lets virtual time pass until {@code instant} (from the run's start). */
  public Sim advanceTo(Duration instant) {
    long endMs = instant.toMillis();
    if (endMs > run.scenario().durationMs()) {
      throw new IllegalArgumentException("cannot advance to " + instant(endMs) + ": the scenario lasts "
          + instant(run.scenario().durationMs()) + " (Topology.duration, or duration: in the file)");
    }
    run.runUntil(endMs, ActorRuntime.Progress.NONE);
    return this;
  }

  /**
   * Lets virtual time pass, instant by instant, until {@code condition} holds, at most {@code timeout}; returns
   * the instant it first held. Fails, naming the condition, the instant and what the world looked like, if it
   * never does.
   */
  public Duration advanceUntil(Until condition, Duration timeout) {
    long limitMs = Math.min(run.nowMs() + timeout.toMillis(), run.scenario().durationMs());
    SimulationRuntime sim = (SimulationRuntime) run.runtime();
    while (!condition.test(this)) {
      long next = sim.scheduler().nextDeadline();
      long nextMs = next == Long.MAX_VALUE ? Long.MAX_VALUE
          : (next + Timeline.NANOS_PER_MS - 1) / Timeline.NANOS_PER_MS;
      if (nextMs > limitMs) {
        run.runUntil(limitMs, ActorRuntime.Progress.NONE);
        if (condition.test(this)) {
          break;
        }
        throw failure(condition.subject(), condition.description() + " within " + seconds(timeout.toMillis()),
            condition.description(), condition.actual(this));
      }
      run.runUntil(Math.max(nextMs, run.nowMs()), ActorRuntime.Progress.NONE);
    }
    return now();
  }

  /** {@link #advanceUntil(Until, Duration)} with a condition written as a lambda and a description of it. */
  public Duration advanceUntil(String description, Predicate<Sim> condition, Duration timeout) {
    return advanceUntil(Until.that(description, condition), timeout);
  }

  /** Lets time run to the scenario's end and judges the run ({@link #finish}); queries still work after. */
  public Sim runToEnd() {
    advanceTo(Duration.ofMillis(run.scenario().durationMs()));
    finish();
    return this;
  }

  /** Virtual time since the run's start. */
  public Duration now() {
    return Duration.ofMillis(run.nowMs());
  }

  public long nowMs() {
    return run.nowMs();
  }

  // ---- Actions: the scenario file's actions, read by the same code ----------------------------------------

  /**
   * Performs one action written as in a scenario's {@code events:} list, without {@code at}, now — every fault
   * and operator action a scenario file can hold, the models' own included:
   * {@code sim.act("{signal: {node: gw1, name: USR2}}")}. Bad input fails with line and column.
   */
  @Override
  public Sim act(String yaml) {
    run.perform(read(yaml, nowMs()));
    return this;
  }

  /**
   * Actions scheduled for a later {@code instant}, exactly as a scenario file's {@code events:} are: they happen
   * at that instant before the nodes' own work due then. ({@link #act} now happens after everything due at the
   * current instant, which {@link #advance} has already run.) {@code sim.at(Duration.ofSeconds(2)).cut(a, b)}.
   */
  public Actions<Sim> at(Duration instant) {
    long atMs = instant.toMillis();
    if (atMs <= nowMs() && nowMs() > 0) {
      throw new IllegalArgumentException("at(" + instant(atMs) + "): not after now (" + instant(nowMs())
          + "); use act(...) for now");
    }
    Sim sim = this;
    return new Actions<>() {
      @Override
      public Sim act(String yaml) {
        Action action = read(yaml, atMs);
        run.timeline().scheduleAt(atMs * Timeline.NANOS_PER_MS, () -> run.perform(action));
        return sim;
      }
    };
  }

  private Action read(String yaml, long atMs) {
    try {
      return loader.readAction(run.scenario(), "action " + (++actions) + " at " + instant(atMs), yaml);
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Tells {@code message} straight to the node's process, as an operator's command does (not through the
   * network); false if the node is down.
   */
  public boolean tell(String node, Object message) {
    return run.context().nodes().command(node, message);
  }

  // ---- Fake peers and Pekko's test kit ---------------------------------------------------------------------

  /** The fake playing {@code node} (declared with {@code fake(...)} when the simulation was built). */
  public FakePeer fake(String node) {
    FakePeer fake = fakes.get(node);
    if (fake == null) {
      throw new IllegalArgumentException(node + " is not a fake peer; fakes: " + fakes.keySet());
    }
    return fake;
  }

  /**
   * Pekko's ActorTestKit on this simulation's actor system: probes made with it can be handed to fakes and
   * scripts. Its actors run on Pekko's threads, outside the simulated world; never shut it down yourself.
   */
  public ActorTestKit testKit() {
    if (testKit == null) {
      SimulationRuntime sim = (SimulationRuntime) run.runtime();
      testKit = ActorTestKit.create(Adapter.toTyped(sim.system()));
    }
    return testKit;
  }

  // ---- Queries: the world state rebuilt from the trace ------------------------------------------------------

  /** The world as the trace tells it now. */
  public WorldState world() {
    List<TraceEvent> seen = events();
    for (; applied < seen.size(); applied++) {
      world.apply(seen.get(applied));
    }
    return world;
  }

  public WorldState.NodeView node(String node) {
    return world().node(node);
  }

  /** The node's role: CWM's PRIMARY/SECONDARY, an MGC host's platform state, STARTING, DOWN. */
  public String role(String node) {
    return node(node).role();
  }

  /** The node's state: CWM's NORMAL/DEGRADED, an MGC host's POM state (pomMgr), IPFE's … (null: none). */
  public String state(String node) {
    return node(node).state();
  }

  /** An MGC host's platform state (its role). */
  public String platform(String host) {
    return role(host);
  }

  /** An MGC host's POM manager state (its state). */
  public String pomState(String host) {
    return state(host);
  }

  /** The node's priority (CWM's Sn as n), or null. */
  public Integer priority(String node) {
    return node(node).priority();
  }

  public Set<Integer> alarms(String node) {
    return node(node).alarms();
  }

  public boolean up(String node) {
    return node(node).up();
  }

  /** What the node believes or reports under {@code key} (CWM's {@code primary}, MGC's {@code link1}, …). */
  public Object view(String node, String key) {
    return node(node).view(key);
  }

  /** Whom {@code node} takes for its domain's Primary (CWM's {@code primary} view), or null. */
  public String primaryAsSeenBy(String node) {
    Object primary = view(node, "primary");
    return primary == null ? null : primary.toString();
  }

  /** Every up node's belief about its Primary, by node. */
  public Map<String, String> beliefs() {
    Map<String, String> beliefs = new TreeMap<>();
    for (WorldState.NodeView view : world().nodes()) {
      if (view.up() && view.view("primary") != null) {
        beliefs.put(view.name(), view.view("primary").toString());
      }
    }
    return beliefs;
  }

  /** The nodes that hold a priority, S1 first: the priority list as the nodes themselves hold it. */
  public List<String> priorityList() {
    List<WorldState.NodeView> ranked = new ArrayList<>();
    world().nodes().forEach(v -> {
      if (v.up() && v.priority() != null) {
        ranked.add(v);
      }
    });
    ranked.sort(java.util.Comparator.comparingInt(WorldState.NodeView::priority));
    return ranked.stream().map(WorldState.NodeView::name).toList();
  }

  /**
   * The trace so far: a read-only view that grows as the run goes on. Read incrementally: {@link #advanceUntil} asks after every instant, and
   * copying the whole trace each time would make a long wait quadratic.
   */
  public List<TraceEvent> events() {
    seen.addAll(run.eventsFrom(seen.size()));
    return java.util.Collections.unmodifiableList(seen);
  }

  public List<TraceEvent> events(String node, String kind) {
    return events().stream().filter(e -> e.node().equals(node) && e.is(kind)).toList();
  }

  /** Decisions recorded under {@code rule} (a BEHAVIOURS.md ID such as CWM-8), by any node. */
  public List<TraceEvent> decisions(String rule) {
    return events().stream().filter(e -> e.is(EventKind.DECISION) && rule.equals(e.string("rule"))).toList();
  }

  public List<TraceEvent> decisions(String node, String rule) {
    return decisions(rule).stream().filter(e -> e.node().equals(node)).toList();
  }

  /** Whether {@code node} recorded a decision under {@code rule} whose reason contains {@code fragment}. */
  public boolean said(String node, String rule, String fragment) {
    return decisions(node, rule).stream().anyMatch(e -> e.string("why").contains(fragment));
  }

  /** The SHA-256 of the trace so far, as {@code trace.jsonl}: equal for equal runs. */
  public String traceSha256() {
    return TraceFormat.sha256(TraceFormat.jsonl(events()));
  }

  public long seed() {
    return run.seed();
  }

  public Scenario scenario() {
    return run.scenario();
  }

  /** The command that repeats this test with this seed. */
  public String reproduce() {
    return owner.reproduce(run.seed());
  }

  // ---- Assertions ----------------------------------------------------------------------------------------

  /** Assertions about one node, now: {@code sim.assertThat("gw4").hasRole("SECONDARY").hasPriority(2)}. */
  public NodeAssert assertThat(String node) {
    world().node(node); // unknown names fail here, with the list
    return new NodeAssert(this, node);
  }

  /**
   * Ends the run here and judges it like a scenario file's run (invariants, convergence, the file's own
   * expectations up to now); fails if an invariant was violated that the scenario does not expect. The
   * extension does this for every simulation left open when a test ends.
   */
  public RunResult finish() {
    boolean first = !run.finished();
    RunResult result = run.finish();
    owner.finished(this, result);
    List<Violation> unexpected = result.unexpectedViolations();
    if (first && !unexpected.isEmpty()) {
      Violation v = unexpected.get(0);
      throw failure(v.subject(), v.tMs(), "invariant " + v.invariant(), "held",
          "violated: " + v.detail() + (v.cause() == null ? "" : " (cause: " + v.cause() + ")")
              + (unexpected.size() > 1 ? "; " + (unexpected.size() - 1) + " more violation(s)" : ""));
    }
    return result;
  }

  /**
   * Fails unless every expectation of the scenario file held and no invariant was violated unexpectedly (the
   * CLI's PASS); finishes the run if needed. The message lists what failed, with the seed and reproduce command.
   */
  public Sim assertPassed() {
    RunResult result = finish();
    if (result.verdict() != RunResult.Verdict.PASS) {
      List<String> failed = result.expectations().stream().filter(e -> !e.ok())
          .map(e -> e.expect() + ": " + e.detail()).collect(Collectors.toCollection(ArrayList::new));
      result.unexpectedViolations().forEach(v -> failed.add("invariant " + v.invariant() + " violated at "
          + instant(v.tMs()) + " by " + v.subject() + ": " + v.detail()));
      throw failure(run.scenario().name(), result.scenario().durationMs(), "verdict", "PASS", "FAIL: "
          + String.join("; ", failed));
    }
    return this;
  }

  /** The judged run; finishes it if needed. */
  public RunResult result() {
    return finish();
  }

  @Override
  public void close() {
    if (!run.finished()) {
      finish();
    }
  }

  void abandon() {
    run.close();
  }

  boolean finished() {
    return run.finished();
  }

  // ---- Failure messages ----------------------------------------------------------------------------------

  /** "gw4 at 30.000 s: priority: expected 2, actual 3" and how to reproduce it. */
  SimAssertionError failure(String node, String what, String expected, String actual) {
    return failure(node, nowMs(), what, expected, actual);
  }

  SimAssertionError failure(String node, long atMs, String what, String expected, String actual) {
    String message = node + " at " + instant(atMs) + " (virtual): " + what + ": expected " + expected + ", actual "
        + actual + "\n  seed " + run.seed() + ", scenario " + run.scenario().name() + " (" + run.scenario().source()
        + ")\n  reproduce: " + reproduce();
    return new SimAssertionError(message, node, atMs, expected, actual);
  }

  /** A virtual instant as the CLI prints it: {@code 30.000 s}. */
  public static String instant(long ms) {
    return seconds(ms);
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%d.%03d s", ms / 1000, ms % 1000);
  }

  /** The recent history of one field of a node, for failure messages: "12.001 s 3 (CWM-4)". */
  String history(String node, String kind) {
    List<TraceEvent> changes = events(node, kind);
    List<TraceEvent> last = changes.subList(Math.max(0, changes.size() - 4), changes.size());
    if (last.isEmpty()) {
      return "never set";
    }
    return last.stream().map(e -> instant(e.tMs()) + " " + e.fields().get("to")
        + (e.string("rule") == null ? "" : " (" + e.string("rule") + ")")).collect(Collectors.joining(", "));
  }
}
