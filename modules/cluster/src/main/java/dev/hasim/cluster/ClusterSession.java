package dev.hasim.cluster;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The coordinator as the command line uses it: starts the cluster's actor system (the first seed node), maps
 * jobs over whatever workers join, and hands results back in input order on the calling thread, so the caller
 * prints and writes reports exactly as it does for a local run. Progress and cluster changes go to
 * {@code err}; nothing is written to {@code out}.
 */
public final class ClusterSession implements AutoCloseable {
  private static final long PROGRESS_INTERVAL_NS = 5_000_000_000L;
  private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

  private final ActorSystem<Coordinator.Command> system;
  private final BlockingQueue<Coordinator.Event> events;
  private final ExecutorService ownJobThreads;
  private final ClusterSettings settings;
  private final PrintWriter err;
  private final Endpoint address;
  private final Map<String, Long> resultsPerWorker = new TreeMap<>();
  private long nextJobId = 1;
  private long duplicates;

  private ClusterSession(ActorSystem<Coordinator.Command> system, BlockingQueue<Coordinator.Event> events,
      ExecutorService ownJobThreads, ClusterSettings settings, PrintWriter err) {
    this.system = system;
    this.events = events;
    this.ownJobThreads = ownJobThreads;
    this.settings = settings;
    this.err = err;
    this.address = Endpoint.parse(Coordinator.label(Cluster.get(system).selfMember().address()), 0);
  }

  /**
   * Starts the coordinator listening on {@code listen} (port 0: any free port, see {@link #address()}).
   *
   * @param ownSlots jobs the coordinator runs side by side if it has to run them itself
   * @param kinds every kind of job this session will map
   * @throws ClusterException if the address cannot be bound
   */
  public static ClusterSession start(Endpoint listen, int ownSlots, List<JobKind<?, ?>> kinds, PrintWriter err) {
    return start(listen, ownSlots, kinds, err, com.typesafe.config.ConfigFactory.empty());
  }

  static ClusterSession start(Endpoint listen, int ownSlots, List<JobKind<?, ?>> kinds, PrintWriter err,
      com.typesafe.config.Config overrides) {
    ClusterSettings settings = ClusterSettings.load(listen, ClusterSettings.COORDINATOR_ROLE, overrides);
    BlockingQueue<Coordinator.Event> events = new LinkedBlockingQueue<>();
    ExecutorService ownJobThreads = jobThreads(ownSlots);
    Map<String, JobKind<?, ?>> byName = byName(kinds);
    ActorSystem<Coordinator.Command> system;
    try {
      system = ActorSystem.create(Coordinator.create(events, byName, ownSlots, ownJobThreads, settings),
          ClusterSettings.SYSTEM_NAME, settings.config());
    } catch (RuntimeException e) {
      ownJobThreads.shutdownNow();
      throw new ClusterException("cannot listen on " + listen + ": " + rootMessage(e), e);
    }
    ClusterSession session = new ClusterSession(system, events, ownJobThreads, settings, err);
    err.printf(Locale.ROOT, "cluster: coordinator on %s; add workers with: ./hasim worker --join %s%s%n",
        session.address, session.address, session.address.isLoopback() ? "  (this machine only)" : "");
    err.printf(Locale.ROOT, "cluster: if no worker has joined within %d s, the coordinator runs the jobs itself%n",
        settings.soloAfter().toSeconds());
    err.flush();
    return session;
  }

  /** Where workers join: the bound address, with the port chosen when 0 was asked for. */
  public Endpoint address() {
    return address;
  }

  /**
   * Runs every spec as a job on the cluster; {@code done} sees each result in input order, on this thread.
   *
   * @throws ClusterException if a job threw on its worker (it would have thrown locally too)
   */
  public <S, R> List<R> map(JobKind<S, R> kind, List<S> specs, Consumer<R> done) {
    long firstId = nextJobId;
    nextJobId += specs.size();
    List<Coordinator.Job> jobs = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      byte[] spec = kind.encodeSpec(specs.get(i));
      if (spec.length > settings.maxJobBytes()) {
        throw new ClusterException(kind.describe(specs.get(i)) + " is " + spec.length / 1024 + " KiB as a job; the "
            + "limit is " + settings.maxJobBytes() / 1024 + " KiB (hasim.cluster.max-job-size); run it without "
            + "--cluster");
      }
      jobs.add(new Coordinator.Job(firstId + i, kind.name(), spec));
    }
    system.tell(new Coordinator.Submit(jobs));

    Progress progress = new Progress(specs.size());
    Map<Long, R> ready = new HashMap<>();
    List<R> results = new ArrayList<>(specs.size());
    long next = firstId;
    while (next < firstId + specs.size()) {
      Coordinator.Event event = poll();
      if (event instanceof Coordinator.Done d && d.jobId() >= firstId && d.jobId() < firstId + specs.size()) {
        R result = kind.decodeOutcome(specs.get((int) (d.jobId() - firstId)), d.outcome());
        ready.put(d.jobId(), result);
        resultsPerWorker.merge(d.worker(), 1L, Long::sum);
        progress.done(d.worker(), kind.passed(result));
      } else if (event instanceof Coordinator.Failed f) {
        boolean ours = f.jobId() >= firstId && f.jobId() < firstId + specs.size();
        throw new ClusterException((ours ? kind.describe(specs.get((int) (f.jobId() - firstId))) : "job " + f.jobId())
            + " failed on worker " + f.worker() + ": " + f.error());
      } else if (event instanceof Coordinator.Duplicate) {
        duplicates++;
      } else if (event != null) {
        note(event, id -> id >= firstId && id < firstId + specs.size()
            ? kind.describe(specs.get((int) (id - firstId))) : "job " + id);
      }
      while (ready.containsKey(next)) {
        R result = ready.remove(next);
        done.accept(result);
        results.add(result);
        next++;
      }
      progress.maybePrint(false);
    }
    progress.maybePrint(true);
    return results;
  }

  private Coordinator.Event poll() {
    try {
      return events.poll(500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while waiting for results", e);
    }
  }

  private void note(Coordinator.Event event, java.util.function.LongFunction<String> describe) {
    String line = null;
    if (event instanceof Coordinator.WorkerJoined j && !j.worker().equals(Coordinator.SELF)) {
      line = "worker " + j.worker() + " joined (" + j.slots() + " job slot" + (j.slots() == 1 ? "" : "s") + ")";
    } else if (event instanceof Coordinator.WorkerLeft l) {
      line = (l.worker().equals(Coordinator.SELF) ? "the coordinator's own slots stopped" : "worker " + l.worker()
          + " left") + (l.unfinished().isEmpty() ? "" : "; its unfinished jobs go to other workers: "
          + l.unfinished().stream().limit(8).map(describe::apply).collect(Collectors.joining(", "))
          + (l.unfinished().size() > 8 ? ", …" : ""));
    } else if (event instanceof Coordinator.Unreachable u) {
      line = u.reachableAgain() ? "worker " + u.worker() + " is reachable again"
          : "worker " + u.worker() + " is unreachable; unless it answers within "
              + settings.config().getDuration("pekko.cluster.split-brain-resolver.stable-after").toSeconds()
              + " s it is removed and its unfinished jobs go to other workers";
    } else if (event instanceof Coordinator.Solo s) {
      line = "no worker joined within " + s.waited().toSeconds() + " s: the coordinator runs the jobs itself ("
          + s.slots() + " at a time); workers that join later still get jobs";
    }
    if (line != null) {
      err.println("cluster: " + line);
      err.flush();
    }
  }

  /** Stops the coordinator: it leaves the cluster, and workers that see it go exit. */
  @Override
  public void close() {
    if (duplicates > 0) {
      err.println("cluster: " + duplicates + " repeated result" + (duplicates == 1 ? "" : "s")
          + " discarded (a worker stopped between sending a result and confirming its job)");
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(SHUTDOWN_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("cluster: the coordinator's actor system did not stop within " + SHUTDOWN_LIMIT.toSeconds() + " s");
    } finally {
      ownJobThreads.shutdownNow();
      err.flush();
    }
  }

  /** Results per worker over the whole session, for tests and the final line. */
  public Map<String, Long> resultsPerWorker() {
    return Map.copyOf(resultsPerWorker);
  }

  public long duplicates() {
    return duplicates;
  }

  static ExecutorService jobThreads(int slots) {
    int[] n = {0};
    return Executors.newFixedThreadPool(Math.max(1, slots), runnable -> {
      Thread thread = new Thread(runnable, "hasim-job-" + n[0]++);
      thread.setDaemon(true);
      return thread;
    });
  }

  static Map<String, JobKind<?, ?>> byName(List<JobKind<?, ?>> kinds) {
    Map<String, JobKind<?, ?>> byName = new LinkedHashMap<>();
    for (JobKind<?, ?> kind : kinds) {
      if (byName.put(kind.name(), kind) != null) {
        throw new IllegalArgumentException("two job kinds named " + kind.name());
      }
    }
    return Map.copyOf(byName);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** done/total, failures so far, results per worker: every 5 s, and once at the end. */
  private final class Progress {
    private final int total;
    private final long startNanos = System.nanoTime();
    private final Map<String, Long> perWorker = new TreeMap<>();
    private long lastPrintNanos = startNanos;
    private long firstResultNanos;
    private int done;
    private int failed;

    Progress(int total) {
      this.total = total;
    }

    void done(String worker, boolean passed) {
      if (done == 0) {
        firstResultNanos = System.nanoTime();
      }
      done++;
      failed += passed ? 0 : 1;
      perWorker.merge(worker, 1L, Long::sum);
    }

    void maybePrint(boolean last) {
      long now = System.nanoTime();
      if (!last && now - lastPrintNanos < PROGRESS_INTERVAL_NS) {
        return;
      }
      lastPrintNanos = now;
      String workers = perWorker.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
      // The last line also says how long the sweep took once results flowed (workers start and join first).
      String flowing = last && done > 1 ? String.format(Locale.ROOT, " (%.1f s from the first result)",
          (now - firstResultNanos) / 1e9) : "";
      err.printf(Locale.ROOT, "cluster: %d/%d jobs done, %d failed, %.1f s%s%s%n", done, total, failed,
          (now - startNanos) / 1e9, flowing, workers.isEmpty() ? "" : "; results from " + workers);
      err.flush();
    }
  }
}
