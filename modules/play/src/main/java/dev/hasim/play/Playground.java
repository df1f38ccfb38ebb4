package dev.hasim.play;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.report.html.ReplayData;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.LiveRun;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.scenario.spi.ModelTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scenario running live: virtual time, paced to the wall clock at a chosen speed, on a driver thread of its own
 * (the thread that owns the simulation; nothing else touches it). Browsers talk to it through {@link #control}
 * and read what it adds to the trace through {@link #deltasFrom}.
 *
 * <p>Pacing decides only how far virtual time has got when the driver looks; it never changes the order of what
 * happens in it: the driver runs whole instants, exactly those a scenario run would run, and an injected event
 * is scheduled at an instant where it comes first ({@link LiveRun#inject}), as a file's event does. So the
 * saved scenario reruns into the same trace, hash and all.
 */
public final class Playground implements AutoCloseable {
  /** A live run goes on past the scenario's duration, up to a virtual day. */
  static final long MAX_LIVE_MS = 24L * 3600 * 1000;
  static final double MIN_SPEED = 0.1;
  static final double MAX_SPEED = 1000;
  /** How long the driver waits for a command before it moves time on: the page's frame rate, roughly. */
  static final long TICK_MS = 25;
  /** A class injects at most this many events into one live run. */
  static final int MAX_INJECTED = 10_000;
  /** "Step" looks this far ahead for the next thing the trace records. */
  static final long STEP_LIMIT_MS = 60_000;

  private final ScenarioLoader loader;
  private final Scenario scenario;
  private final String sourceText;
  private final long seed;
  private final Map<String, List<String>> groups;
  private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  /** Event deltas (JSON) in order; every browser reads them from its own cursor. Guarded by itself. */
  private final List<String> deltas = new ArrayList<>();
  private final List<Injected> injected = new ArrayList<>();
  private final Thread driver;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile boolean stopping;
  private volatile boolean playing;
  private volatile double speed;
  private volatile long displayMs;
  private volatile String lastMessage = "";

  /** An event clicked in: its instant, the event as typed (a flow map without {@code at}) and its caption. */
  record Injected(long atMs, String event, String note) {}

  private record Command(Map<String, Object> body, CompletableFuture<Map<String, Object>> answer) {}

  public Playground(ScenarioLoader loader, Scenario scenario, String sourceText, long seed, double speed) {
    this.loader = loader;
    this.scenario = scenario;
    this.sourceText = sourceText;
    this.seed = seed;
    this.speed = clampSpeed(speed);
    this.groups = new LinkedHashMap<>();
    for (ModelTopology topology : scenario.topologies()) {
      groups.putAll(topology.groups());
    }
    this.driver = new Thread(this::drive, "hasim-play-driver");
    this.driver.setDaemon(true);
  }

  public Scenario scenario() {
    return scenario;
  }

  public long seed() {
    return seed;
  }

  public double speed() {
    return speed;
  }

  public Map<String, List<String>> groups() {
    return groups;
  }

  /** Starts the driver and waits until the nodes exist. Paused at 0 unless {@code play}. */
  public void start(boolean play) {
    this.playing = play;
    driver.start();
    started.join();
  }

  /** A command from a page: play, pause, speed, step, inject, save. Answered on the driver thread. */
  public CompletableFuture<Map<String, Object>> control(Map<String, Object> body) {
    CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
    if (stopping) {
      answer.complete(Map.of("ok", false, "message", "the live run has stopped"));
    } else {
      commands.add(new Command(body, answer));
    }
    return answer;
  }

  /** The deltas from {@code cursor} on, joined into one JSON object with the run's current status. */
  public String deltasFrom(int[] cursor) {
    List<String> fresh;
    synchronized (deltas) {
      fresh = new ArrayList<>(deltas.subList(cursor[0], deltas.size()));
      cursor[0] = deltas.size();
    }
    StringBuilder json = new StringBuilder("{\"now\":").append(displayMs).append(",\"playing\":").append(playing)
        .append(",\"speed\":").append(speed).append(",\"message\":").append(ReplayData.json(lastMessage))
        .append(",\"batches\":[").append(String.join(",", fresh)).append("]}");
    return json.toString();
  }

  private void drive() {
    LiveRun session;
    try {
      session = new LiveRun(scenario, ScenarioRunner.Options.defaults().withSeed(seed), spec -> spec);
    } catch (RuntimeException e) {
      started.completeExceptionally(e);
      return;
    }
    ReplayData replay = new ReplayData(scenario, groups);
    int published = 0;
    long baseWall = System.nanoTime();
    long baseVirtual = 0;
    boolean wasPlaying = playing;
    double wasSpeed = speed;
    started.complete(null);
    try {
      while (!stopping) {
        Command command = commands.poll(TICK_MS, TimeUnit.MILLISECONDS);
        if (command != null) {
          Map<String, Object> answer;
          try {
            answer = handle(session, command.body());
          } catch (RuntimeException e) {
            answer = Map.of("ok", false, "message", String.valueOf(e.getMessage()));
          }
          lastMessage = String.valueOf(answer.getOrDefault("message", ""));
          published = publish(session, replay, published);
          command.answer().complete(answer);
        }
        if (playing != wasPlaying || speed != wasSpeed) {
          baseWall = System.nanoTime();
          baseVirtual = displayMs;
          wasPlaying = playing;
          wasSpeed = speed;
        }
        if (playing) {
          double elapsedMs = (System.nanoTime() - baseWall) / 1e6;
          long target = Math.min(MAX_LIVE_MS, baseVirtual + (long) (elapsedMs * speed));
          if (target > displayMs) {
            session.runThrough(target);
            displayMs = target;
          }
          if (target >= MAX_LIVE_MS) {
            playing = false;
          }
        }
        published = publish(session, replay, published);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      session.close();
      Command left;
      while ((left = commands.poll()) != null) {
        left.answer().complete(Map.of("ok", false, "message", "the live run has stopped"));
      }
    }
  }

  /** Hands the trace's new events (whole instants: the driver stops only between instants) to the pages. */
  private int publish(LiveRun session, ReplayData replay, int published) {
    List<TraceEvent> fresh = session.trace().eventsFrom(published);
    if (fresh.isEmpty()) {
      return published;
    }
    String delta = ReplayData.json(replay.add(fresh));
    synchronized (deltas) {
      deltas.add(delta);
    }
    return published + fresh.size();
  }

  private Map<String, Object> handle(LiveRun session, Map<String, Object> body) {
    String op = String.valueOf(body.get("op"));
    switch (op) {
      case "play":
        playing = true;
        return ok("playing at ×" + speed);
      case "pause":
        playing = false;
        return ok("paused at " + time(displayMs));
      case "speed": {
        speed = clampSpeed(((Number) body.getOrDefault("value", 1)).doubleValue());
        return ok("speed ×" + speed);
      }
      case "step":
        playing = false;
        return step(session);
      case "inject":
        return inject(session, String.valueOf(body.get("event")), (String) body.get("note"));
      case "save":
        return save(session, Boolean.TRUE.equals(body.get("expect")));
      default:
        return Map.of("ok", false, "message", "unknown command '" + op + "'");
    }
  }

  /** Runs to the next instant at which the trace records something, at most a minute ahead. */
  private Map<String, Object> step(LiveRun session) {
    int before = session.trace().size();
    long limit = displayMs + STEP_LIMIT_MS;
    while (session.trace().size() == before) {
      long next = session.nextInstantNanos();
      long nextMs = next == Long.MAX_VALUE ? limit : ceilMs(next);
      if (nextMs > limit) {
        session.runThrough(limit);
        displayMs = limit;
        return ok("nothing happened up to " + time(limit));
      }
      session.runThrough(nextMs);
      displayMs = Math.max(displayMs, nextMs);
    }
    return ok("stepped to " + time(displayMs));
  }

  private Map<String, Object> inject(LiveRun session, String typed, String note) {
    String event = typed.strip();
    if (event.startsWith("{") && event.endsWith("}")) {
      event = event.substring(1, event.length() - 1).strip();
    }
    if (event.isEmpty()) {
      return Map.of("ok", false, "message", "type an event, e.g. {crash: " + scenario.nodeNames().get(0) + "}");
    }
    if (injected.size() >= MAX_INJECTED) {
      return Map.of("ok", false, "message", "this live run already has " + MAX_INJECTED + " injected events; save it");
    }
    if (note != null && note.isBlank()) {
      note = null;
    }
    Scenario.TimedAction parsed;
    try {
      parsed = loader.readEvent(scenario, "{at: 0ms, " + event + "}");
    } catch (ScenarioException e) {
      return Map.of("ok", false, "message", e.getMessage());
    }
    long atMs = session.inject(parsed.action(), displayMs);
    injected.add(new Injected(atMs, event, note));
    Map<String, Object> answer = ok("{" + event + "} at " + time(atMs));
    answer.put("at", atMs);
    if (note != null) {
      String delta = ReplayData.json(Map.of("notes", List.of(List.of(atMs, note))));
      synchronized (deltas) {
        deltas.add(delta);
      }
    }
    return answer;
  }

  /**
   * The live run so far as a scenario file: it ends at the current instant (rounded up to a whole millisecond,
   * run through first so that every instant up to it is in the trace), carries every event at its instant, and
   * optionally expectations read from the state there. The answer carries the hash of the trace up to that end:
   * the hash {@code hasim run} prints for the file.
   */
  private Map<String, Object> save(LiveRun session, boolean withExpectations) {
    long endMs = Math.max(1, displayMs);
    session.runThrough(endMs);
    displayMs = endMs;
    List<TraceEvent> prefix = new ArrayList<>();
    for (TraceEvent e : session.events()) {
      if (e.tMs() <= endMs) {
        prefix.add(e);
      }
    }
    String hash = TraceFormat.sha256(TraceFormat.jsonl(prefix));
    WorldState world = new WorldState(scenario.nodeNames(), scenario.linkTable());
    prefix.forEach(world::apply);
    Function<String, Long> atOf = text -> {
      try {
        return loader.readEvent(scenario, text).atMs();
      } catch (ScenarioException e) {
        return Long.MAX_VALUE;
      }
    };
    String yaml = SavedScenario.yaml(sourceText, scenario, seed, endMs, injected, atOf,
        withExpectations ? world : null, hash);
    Map<String, Object> answer = ok("saved up to " + time(endMs) + "; trace sha256 " + hash);
    answer.put("yaml", yaml);
    answer.put("trace_sha256", hash);
    answer.put("end_ms", endMs);
    return answer;
  }

  private static Map<String, Object> ok(String message) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("message", message);
    return answer;
  }

  private static long ceilMs(long nanos) {
    return (nanos + Timeline.NANOS_PER_MS - 1) / Timeline.NANOS_PER_MS;
  }

  static double clampSpeed(double speed) {
    return Double.isNaN(speed) ? 1 : Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed));
  }

  static String time(long ms) {
    return String.format(java.util.Locale.ROOT, "%.3f s", ms / 1000.0);
  }

  @Override
  public void close() {
    stopping = true;
    try {
      driver.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
