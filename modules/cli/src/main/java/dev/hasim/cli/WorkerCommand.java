package dev.hasim.cli;

import dev.hasim.cluster.ClusterWorker;
import dev.hasim.cluster.Endpoint;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
        "Joins a coordinator (hasim run … --seeds A..B --cluster HOST:PORT, or hasim check DIR --cluster …) and",
        "runs its jobs until it finishes: each job slot pulls the next run when it is free. Results go back to",
        "the coordinator, which writes every report; the worker writes nothing.",
        "Exits 0 when the coordinator finishes, 1 if the worker loses the cluster midway (its unfinished runs",
        "go to other workers), 2 if it cannot reach the coordinator.",
        ""},
    footer = {"",
        "Example, one machine: ./hasim run sim-scenarios/ipfe/lossy-link.yaml --seeds 1..999 --cluster 127.0.0.1:25520",
        "                      ./hasim worker --join 127.0.0.1:25520   (in other terminals, as many as you like)",
        "Several machines: docs/cluster.md."})
final class WorkerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
      description = "The coordinator's address, as its --cluster option gave it (port default 25520).")
  String join;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "This machine's address as the coordinator reaches it; needed when the coordinator is on another "
          + "machine (default 127.0.0.1: nothing listens beyond this machine unless you say so).")
  String host;

  @Option(names = "--port", paramLabel = "P", defaultValue = "0",
      description = "Port this worker listens on (default: any free port).")
  int port;

  @Option(names = "--jobs", paramLabel = "N", description = "Runs side by side on this worker (default: one per core).")
  Integer jobs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Endpoint coordinator = Sweep.parse("worker", "--join", join, err);
    if (coordinator == null) {
      return Main.BAD_INPUT;
    }
    if (host == null && !coordinator.isLoopback()) {
      err.println("hasim worker: the coordinator " + coordinator + " is not on this machine; pass --host with this "
          + "machine's address that it can reach (e.g. --host 10.0.0.7)");
      return Main.BAD_INPUT;
    }
    int slots = jobs == null ? Parallel.defaultJobs() : jobs;
    if (slots < 1 || slots > 64 || port < 0 || port > 65_535) {
      err.println("hasim worker: --jobs must be between 1 and 64 and --port between 0 and 65535");
      return Main.BAD_INPUT;
    }
    Endpoint self;
    try {
      self = new Endpoint(host == null ? Endpoint.LOOPBACK : host, port);
    } catch (IllegalArgumentException e) {
      err.println("hasim worker: --host: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    return ClusterWorker.run(coordinator, self, slots, Sweep.jobKinds(Sweep.runJobs()), out, err);
  }
}
