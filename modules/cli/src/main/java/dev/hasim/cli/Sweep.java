package dev.hasim.cli;

import dev.hasim.cluster.ClusterException;
import dev.hasim.cluster.ClusterSession;
import dev.hasim.cluster.Endpoint;
import dev.hasim.cluster.JobKind;
import dev.hasim.cluster.run.RunJobs;
import dev.hasim.explore.Explorer;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the runs of a sweep or a check happen: side by side in this JVM ({@code --jobs}, exactly as before
 * clusters existed), or on the workers of a cluster this process coordinates ({@code --cluster}). Either
 * way results come back in input order on the calling thread, which prints and writes every report.
 */
final class Sweep implements AutoCloseable {
  private final int jobs;
  private final ClusterSession cluster;
  private final RunJobs runs;

  private Sweep(int jobs, ClusterSession cluster, RunJobs runs) {
    this.jobs = jobs;
    this.cluster = cluster;
    this.runs = runs;
  }

  /**
   * Every kind of cluster job this build runs. A worker knows exactly these, so a new kind (explore's "run
   * one schedule") is added here once and coordinator and worker both know it.
   */
  static List<JobKind<?, ?>> jobKinds(RunJobs runs) {
    return List.of(runs, SCHEDULES);
  }

  private static final ScheduleJobs SCHEDULES = new ScheduleJobs();

  static RunJobs runJobs() {
    return new RunJobs(ScenarioLoader.withInstalledModels());
  }

  /**
   * A local sweep when {@code clusterOption} is null, else the coordinator of a cluster listening there; null
   * after one line on {@code err} if the address is not one or cannot be bound.
   *
   * @param jobs runs side by side here (locally, or if the coordinator has to run the jobs itself)
   */
  static Sweep open(String command, String clusterOption, int jobs, PrintWriter err) {
    if (clusterOption == null) {
      return new Sweep(jobs, null, null);
    }
    Endpoint listen = parse(command, "--cluster", clusterOption, err);
    if (listen == null) {
      return null;
    }
    RunJobs runs = runJobs();
    try {
      return new Sweep(jobs, ClusterSession.start(listen, jobs, jobKinds(runs), err), runs);
    } catch (ClusterException e) {
      err.println("hasim " + command + ": " + e.getMessage());
      return null;
    }
  }

  /** Parses {@code HOST[:PORT]} (port default 25520); null with one line on {@code err} if it is not one. */
  static Endpoint parse(String command, String option, String value, PrintWriter err) {
    Endpoint endpoint;
    try {
      endpoint = Endpoint.parse(value, Endpoint.DEFAULT_PORT);
    } catch (IllegalArgumentException e) {
      err.println("hasim " + command + ": " + option + ": " + e.getMessage());
      return null;
    }
    if (endpoint.host().equals("0.0.0.0") || endpoint.host().equals("[::]")) {
      err.println("hasim " + command + ": " + option + ": " + endpoint.host() + " means every interface, not an "
          + "address others can reach; give this machine's address (e.g. 10.0.0.5), or 127.0.0.1 for this machine "
          + "only");
      return null;
    }
    return endpoint;
  }

  /** {@code scenario} (loaded from {@code file}) under every seed. */
  void seeds(Path file, Scenario scenario, List<Long> seeds, Consumer<RunResult> done) {
    if (cluster == null) {
      Parallel.map(seeds, jobs, s -> ScenarioRunner.run(scenario, ScenarioRunner.Options.defaults().withSeed(s)), done);
      return;
    }
    String text = read(file);
    cluster.map(runs, seeds.stream().map(s -> new RunJobs.Spec(file.toString(), text, s)).toList(), done);
  }

  /** Every scenario under its own seed; {@code local} is how this JVM runs one. */
  void scenarios(List<Scenario> scenarios, Function<Scenario, RunResult> local, Consumer<RunResult> done) {
    if (cluster == null) {
      Parallel.map(scenarios, jobs, local, done);
      return;
    }
    List<RunJobs.Spec> specs = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      specs.add(new RunJobs.Spec(scenario.source(), read(Path.of(scenario.source())), null));
    }
    cluster.map(runs, specs, done);
  }

  /** Explore's schedules of {@code template} run on the cluster's workers; null for a local search. */
  Explorer.RemoteSchedules schedules(Path template) {
    if (cluster == null) {
      return null;
    }
    String text = read(template);
    return seeds -> cluster.map(SCHEDULES,
        seeds.stream().map(s -> new ScheduleJobs.Spec(template.toString(), text, s)).toList(), outcome -> {});
  }

  boolean local() {
    return cluster == null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterException("cannot read " + file + " to send it to the workers: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
