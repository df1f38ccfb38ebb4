package dev.hasim.cluster;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.pekko.actor.typed.ActorSystem;

/** {@code hasim worker}: joins a coordinator and runs jobs until the coordinator leaves. */
public final class ClusterWorker {
  /** Exit codes, as everywhere in hasim: 0 done, 1 lost the cluster midway, 2 could not start or join. */
  public static final int DONE = 0;
  public static final int LOST = 1;
  public static final int CANNOT_JOIN = 2;

  private ClusterWorker() {}

  /**
   * Runs a worker until the coordinator leaves; prints one line when it joins and one when it stops.
   *
   * @param self this worker's own address (port 0: any free port); the coordinator must be able to reach it
   * @param slots jobs run side by side
   */
  public static int run(Endpoint coordinator, Endpoint self, int slots, List<JobKind<?, ?>> kinds, PrintWriter out,
      PrintWriter err) {
    return run(coordinator, self, slots, kinds, out, err, com.typesafe.config.ConfigFactory.empty());
  }

  static int run(Endpoint coordinator, Endpoint self, int slots, List<JobKind<?, ?>> kinds, PrintWriter out,
      PrintWriter err, com.typesafe.config.Config overrides) {
    ClusterSettings settings = ClusterSettings.load(self, ClusterSettings.WORKER_ROLE, overrides);
    ExecutorService jobThreads = ClusterSession.jobThreads(slots);
    WorkerNode.State state = new WorkerNode.State();
    ActorSystem<?> system;
    try {
      system = ActorSystem.create(WorkerNode.create(coordinator, ClusterSession.byName(kinds), jobThreads, slots,
          settings, state), ClusterSettings.SYSTEM_NAME, settings.config());
    } catch (RuntimeException e) {
      jobThreads.shutdownNow();
      err.println("hasim worker: cannot listen on " + self + ": " + ClusterSession.rootMessage(e));
      return CANNOT_JOIN;
    }
    try {
      awaitJoinedOrStopped(system, state);
      if (state.joined) {
        out.printf("worker %s joined the coordinator at %s with %d job slot%s%n", state.self, coordinator, slots,
            slots == 1 ? "" : "s");
        out.flush();
      }
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
    } catch (java.util.concurrent.ExecutionException e) {
      // the system stopped; the state says why
    } finally {
      jobThreads.shutdownNow();
    }
    long jobs = state.jobsDone.get();
    if (state.gaveUp) {
      err.println("hasim worker: cannot reach the coordinator at " + coordinator + " (no answer within "
          + settings.joinTimeout().toSeconds() + " s); is 'hasim run … --cluster " + coordinator
          + "' running there?");
      return CANNOT_JOIN;
    }
    if (state.coordinatorLeft) {
      out.println("worker " + state.self + ": the coordinator at " + coordinator + " finished; this worker ran " + jobs
          + " job" + (jobs == 1 ? "" : "s"));
      return DONE;
    }
    err.println("hasim worker: " + state.self + " was removed from the cluster after " + jobs + " job"
        + (jobs == 1 ? "" : "s") + " (it lost contact with the coordinator at " + coordinator + ")");
    return LOST;
  }

  /** Returns once the worker is a member or its system has stopped (the join timeout lives in the actor). */
  private static void awaitJoinedOrStopped(ActorSystem<?> system, WorkerNode.State state)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    CompletableFuture.anyOf(state.joinedNow, system.getWhenTerminated().toCompletableFuture()).get();
  }
}
