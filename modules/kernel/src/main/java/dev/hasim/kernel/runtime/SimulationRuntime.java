package dev.hasim.kernel.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hasim.kernel.time.Timeline;
import dev.hasim.kernel.time.VirtualScheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Node actors in virtual time. The actor system's scheduler is a {@link VirtualScheduler}; node actors run on
 * the {@code hasim.sim-dispatcher}, whose executor only queues. The driver (the thread calling
 * {@link #runUntil}) alternates: drain the queued actor work until idle, jump to the next deadline, repeat.
 * Pekko's loggers and internal dispatcher stay on real threads: none of them touches simulated state.
 */
public final class SimulationRuntime implements ActorRuntime {
  public static final String DISPATCHER = "hasim.sim-dispatcher";
  /**
   * The {@link dev.hasim.kernel.time.DriverMailbox}. Named in the props, not as the dispatcher's
   * {@code mailbox-type}: typed actors get {@code pekko.actor.typed.default-mailbox} unless their props say
   * otherwise, whatever their dispatcher's configuration.
   */
  private static final String MAILBOX = "hasim.driver-mailbox";
  private static final long PROGRESS_EVERY_TASKS = 1 << 16;
  private static final long TERMINATE_WAIT_MS = 10_000;
  /**
   * After this many nodes have started, the driver asks for a garbage collection (see {@link #compactIfDue}).
   * Below it a node's objects fit the processor's caches wherever they lie, and a collection that promotes them
   * all to the old generation made a 1,000-node run about 15 % slower (old-to-young reference stores cost
   * more in G1's write barrier); from about 5,000 nodes up, layout decides.
   */
  static final int COMPACT_AFTER_STARTS = 5_000;

  /**
   * Actor systems that finished a run cleanly and wait for the next ({@link #lease}). Creating one costs 10-170
   * ms and terminating it 4-14 ms, against a few ms of simulated work for a short run: sweeps and explore run
   * thousands. At most {@link #MAX_IDLE} wait; more are terminated.
   */
  private static final java.util.concurrent.ConcurrentLinkedDeque<SimulationRuntime> IDLE =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final java.util.concurrent.atomic.AtomicInteger IDLE_COUNT =
      new java.util.concurrent.atomic.AtomicInteger();
  /** Actor systems created for leases: a test's way to see that runs really reuse them. */
  private static final java.util.concurrent.atomic.AtomicLong CREATED_FOR_LEASE =
      new java.util.concurrent.atomic.AtomicLong();

  private final ActorSystem system;
  private final VirtualScheduler scheduler;
  /** Where node actors (and their nursery) run and queue: the driver's dispatcher and mailbox. */
  private final Props onDriver = MailboxSelector.fromConfig(MAILBOX).withDispatcherFromConfig(DISPATCHER);
  private final ActorRef<Nursery.Command> nursery;
  /** What compacts the heap: {@code System.gc()}, or a counter in tests. */
  private final Runnable heapCompactor;
  /** Nodes spawned since the heap was last compacted. */
  private int startsSinceCompaction;
  /** Leased from the pool: {@link #close} hands it back, reset, instead of terminating it. */
  private final boolean pooled;
  /** The actor system was handed out ({@link #system}): a test's actors may live in it, so it is not reused. */
  private boolean exposed;
  /** A run is being driven; still set at {@link #close} if it ended with an exception: then it is not reused. */
  private boolean driving;

  /** A runtime of its own: {@link #close} terminates its actor system. */
  public SimulationRuntime(String systemName) {
    this(systemName, System::gc, false);
  }

  SimulationRuntime(String systemName, Runnable heapCompactor) {
    this(systemName, heapCompactor, false);
  }

  private SimulationRuntime(String systemName, Runnable heapCompactor, boolean pooled) {
    this.heapCompactor = heapCompactor;
    this.pooled = pooled;
    Config config = ConfigFactory.parseResources("hasim-simulation.conf")
        .withFallback(ConfigFactory.parseResources("hasim-common.conf"))
        .withFallback(ConfigFactory.defaultReference());
    this.system = ActorSystem.create(systemName, config);
    this.scheduler = (VirtualScheduler) system.scheduler();
    this.nursery = Adapter.spawn(system, Nursery.create(), "nodes", onDriver);
    awaitNurseryRunning();
  }

  /**
   * A runtime for one run, on an actor system that earlier runs in this JVM may have used: each run still starts
   * from nothing simulated — virtual time 0, an empty queue, no node actor (their names free again), the heap
   * compaction count at 0 — and gets a fresh fabric, trace, directory and seeded streams from its caller, so
   * its trace is the one a fresh actor system gives ({@code PooledRuntimeDeterminismTest}). The calling thread
   * becomes the driver. {@link #close} hands it back.
   */
  public static SimulationRuntime lease() {
    CompletableFuture<Void> starting = prestarting;
    if (starting != null) {
      starting.join();
      prestarting = null;
    }
    SimulationRuntime idle = pooling ? IDLE.pollFirst() : null;
    if (idle == null) {
      CREATED_FOR_LEASE.incrementAndGet();
      SimulationRuntime fresh = new SimulationRuntime("hasim", System::gc, pooling);
      fresh.scheduler.reset(); // Pekko's start-up timers: every leased run starts from the same empty queue
      return fresh;
    }
    IDLE_COUNT.decrementAndGet();
    idle.scheduler.adoptDriver();
    return idle;
  }

  /**
   * Whether {@link #lease} reuses actor systems (the default). Off, every run creates and terminates its own, as
   * before pooling: what the determinism test compares with, and what the bench measures as "before".
   */
  public static void pooling(boolean on) {
    pooling = on;
    if (!on) {
      SimulationRuntime idle;
      while ((idle = IDLE.pollFirst()) != null) {
        IDLE_COUNT.decrementAndGet();
        idle.scheduler.adoptDriver();
        idle.terminate();
      }
    }
  }

  private static volatile boolean pooling = true;

  /** How many actor systems {@link #lease} has created so far in this JVM. */
  public static long systemsCreatedForLeases() {
    return CREATED_FOR_LEASE.get();
  }

  /** A prestart under way ({@link #prestartInBackground}); a lease waits for it rather than start a second system. */
  private static volatile CompletableFuture<Void> prestarting;

  /**
   * Starts creating an actor system for the pool on a thread of its own, so that a single run's system starts while
   * its scenario is read (about a third of a cold start). The next {@link #lease} waits for it. Does nothing if one
   * already waits.
   */
  public static synchronized void prestartInBackground() {
    if (!pooling || !IDLE.isEmpty() || prestarting != null) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    prestarting = done;
    Thread starter = new Thread(() -> {
      try {
        SimulationRuntime fresh = new SimulationRuntime("hasim", System::gc, true);
        CREATED_FOR_LEASE.incrementAndGet();
        fresh.recycleOrTerminate();
      } catch (RuntimeException e) {
        // the lease creates its own
      } finally {
        done.complete(null);
      }
    }, "hasim-prestart");
    starter.setDaemon(true);
    starter.start();
  }

  /**
   * The nursery is a top-level actor, so Pekko's guardian starts it on a real thread: wait for that once,
   * draining meanwhile, so that every later message to it is enqueued by the driver itself.
   */
  private void awaitNurseryRunning() {
    CompletableFuture<Void> running = new CompletableFuture<>();
    nursery.tell(new Nursery.Ready(running));
    long guardDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_WAIT_MS);
    while (!running.isDone()) {
      scheduler.drainReady();
      if (System.nanoTime() > guardDeadline) {
        throw new IllegalStateException("the actor system did not start the node nursery within "
            + TERMINATE_WAIT_MS + " ms");
      }
      try {
        running.get(1, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // keep draining
      } catch (Exception e) {
        throw new IllegalStateException("the node nursery failed to start", e);
      }
    }
  }

  @Override
  public Timeline timeline() {
    return scheduler;
  }

  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /**
   * The actor system, for test tools that need one (Pekko's {@code ActorTestKit} and {@code TestProbe}): their
   * actors run on Pekko's own threads and touch no simulated state; what they send to a node goes through the
   * driver like everything else.
   */
  public ActorSystem system() {
    exposed = true;
    return system;
  }

  @Override
  public void spawn(Behavior<Object> behavior, String actorName, Consumer<ActorRef<Object>> whenSpawned,
      Consumer<Throwable> whenStopped) {
    nursery.tell(new Nursery.Spawn(behavior, actorName, onDriver, whenSpawned, whenStopped));
    startsSinceCompaction++;
  }

  @Override
  public void stop(ActorRef<Object> node) {
    nursery.tell(new Nursery.Stop(node));
  }

  @Override
  public void runUntil(long endMs, Progress progress) {
    long endNanos = endMs * Timeline.NANOS_PER_MS;
    runThrough(endNanos, progress, endMs);
    driving = true;
    scheduler.advanceTo(Math.max(endNanos, scheduler.nowNanos()));
    compactIfDue();
    progress.at(endMs, endMs, scheduler.tasksRun());
    driving = false;
  }

  /**
   * Runs every instant due by {@code endNanos}, one instant at a time, and leaves the clock at the last one: the
   * driver loop of {@link #runUntil}, and a live run's step (hasim play runs it in slices; the instants and their
   * order are those of one call over the whole span).
   */
  public void runThrough(long endNanos, Progress progress, long reportEndMs) {
    driving = true;
    long nextReport = scheduler.tasksRun() + PROGRESS_EVERY_TASKS;
    scheduler.drainReady();
    while (true) {
      long next = scheduler.nextDeadline();
      if (next > endNanos) {
        break;
      }
      scheduler.advanceTo(next);
      compactIfDue();
      if (scheduler.tasksRun() >= nextReport) {
        nextReport = scheduler.tasksRun() + PROGRESS_EVERY_TASKS;
        progress.at(scheduler.nowMs(), reportEndMs, scheduler.tasksRun());
      }
    }
    driving = false;
  }

  /**
   * Once thousands of nodes have just started, one collection puts each node's objects together. They are born
   * scattered: Pekko allocates an actor's ref, cell and mailbox when the nursery spawns it, its behaviour and
   * timers when it starts, with the start's garbage and the trace's first records in between, so until a
   * collection copies them every message reaches into several more memory pages. At 10,000 nodes the virtual
   * time before the first young collection (a minute or more) ran 3× slower than the time after it, and each
   * later young collection that moved the not-yet-tenured nodes changed the speed again by up to 1.5×
   * (docs/performance.md, item 20). Nothing simulated sees it: a collection is invisible to the model and the
   * trace. Called between instants, when every started node has run its constructor.
   */
  private void compactIfDue() {
    if (startsSinceCompaction >= COMPACT_AFTER_STARTS) {
      startsSinceCompaction = 0;
      heapCompactor.run();
    }
  }

  /**
   * Node actors stop first, at the current instant, and what they left queued is dropped, so no node timer
   * fires after the run. Termination needs
   * the driver: stopping an actor is work on the simulation dispatcher, and Pekko's
   * coordinated shutdown waits on scheduler timeouts. So keep draining and advancing until the system is
   * gone, bounded by a wall-clock guard that only protects against a Pekko bug.
   */
  @Override
  public void close() {
    if (pooled && !exposed && !driving) {
      recycleOrTerminate();
    } else {
      terminate();
    }
  }

  /**
   * Readies the actor system for the next run and puts it in the pool; terminates it instead if anything of this
   * run could outlive it (a node actor that did not stop, actor work left queued) or the pool is full.
   */
  private void recycleOrTerminate() {
    boolean clean;
    try {
      nursery.tell(Nursery.StopChildren.INSTANCE);
      scheduler.drainReady();
      CompletableFuture<Boolean> emptied = new CompletableFuture<>();
      nursery.tell(new Nursery.Emptied(emptied));
      scheduler.drainReady();
      clean = emptied.getNow(false) && !scheduler.hasReadyWork();
      if (clean) {
        scheduler.reset();
        startsSinceCompaction = 0;
      }
    } catch (RuntimeException e) {
      clean = false;
    }
    if (clean && IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
      IDLE.addFirst(this);
      return;
    }
    if (clean) {
      IDLE_COUNT.decrementAndGet();
    }
    terminate();
  }

  private void terminate() {
    nursery.tell(Nursery.StopAll.INSTANCE);
    scheduler.drainReady();
    // The nodes are gone; their timers and messages in flight must not keep virtual time busy.
    scheduler.discardQueued();
    system.terminate();
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    long guardDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_WAIT_MS);
    while (!terminated.isDone() && System.nanoTime() < guardDeadline) {
      scheduler.drainReady();
      long next = scheduler.nextDeadline();
      if (next != Long.MAX_VALUE && !scheduler.hasReadyWork()) {
        scheduler.advanceTo(next);
      }
      try {
        terminated.get(1, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // Real threads may have queued more actor work meanwhile: loop and drain it.
      } catch (Exception failed) {
        break;
      }
    }
  }
}
