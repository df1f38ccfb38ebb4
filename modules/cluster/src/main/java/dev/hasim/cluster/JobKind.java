package dev.hasim.cluster;

/**
 * One kind of job the cluster can run: a serialisable description in, a result out. Everything a job needs
 * travels in its description (the scenario's text, not its path), so a worker on another machine needs
 * nothing but the same hasim build. The worker runs {@link #execute}; the coordinator turns the bytes it
 * returns into the result with {@link #decodeOutcome}, in one place, so the coordinator writes every report.
 *
 * <p>A job must be a pure function of its description: the cluster delivers at least once (a job whose
 * worker died is run again elsewhere) and keeps the first result, so running twice must not matter.
 *
 * <p>Register a kind on both sides: the coordinator's {@code ClusterSession.start(…, kinds)} and the
 * worker's {@code ClusterWorker.run(…, kinds)} (hasim's {@code worker} command lists them). {@link
 * dev.hasim.cluster.run.RunJobs} (one scenario under one seed) is the kind behind seed sweeps and
 * {@code check}; a search such as {@code hasim explore} plugs in with its own kind, or submits
 * {@code RunJobs} specs for the scenarios it generates.
 *
 * @param <S> the description, e.g. (scenario text, seed)
 * @param <R> the result on the coordinator, e.g. a judged {@code RunResult}
 */
public interface JobKind<S, R> {
  /** The kind's name in a job message; unique among the kinds a worker knows. */
  String name();

  byte[] encodeSpec(S spec);

  S decodeSpec(byte[] spec);

  /** Runs the job on a worker (any thread; several at once) and returns its outcome as bytes. */
  byte[] execute(S spec) throws Exception;

  /** The coordinator's result from a worker's outcome bytes. */
  R decodeOutcome(S spec, byte[] outcome);

  /** For progress lines: false for a result that is a failure of what was checked (not an error of the job). */
  boolean passed(R result);

  /** For progress lines, in a few words: "ipfe-lossy-link seed 17". */
  String describe(S spec);
}
