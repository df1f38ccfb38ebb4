package dev.hasim.testkit;

import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a test gets its simulations: a JUnit 5 test parameter (with {@link HasimExtension}, which
 * {@link Seeds} and {@link HasimTest} bring along) that knows the test's seed and name, so every failure
 * message can say how to reproduce it, and that closes and judges every simulation when the test ends.
 *
 * <pre>{@code
 * @HasimTest
 * void secondaryShutdownRenumbers(Hasim hasim) {
 *   Sim sim = hasim.topology(Topology.cwm("east").gateways("gw1", "gw2", "gw3")
 *       .startingEvery(Duration.ofSeconds(1)).conf("HeartBeatInterval 5")).start();
 *   sim.advance(Duration.ofSeconds(30));
 *   sim.assertThat("gw3").hasPriority(2);
 * }
 * }</pre>
 *
 * <p>Models are found on the class path ({@code META-INF/services}), as by the {@code hasim} command: put
 * {@code hasim-cwm}, {@code hasim-ipfe} or {@code hasim-mgc} next to this kit.
 */
public final class Hasim {
  /** A system property that sets the seed of every test ({@code mvn test -Dhasim.seed=7}). */
  public static final String SEED_PROPERTY = "hasim.seed";

  private final ScenarioLoader loader;
  private final Long seed;
  private final String testName;
  private final List<Sim> sims = new ArrayList<>();
  private final List<String> traceHashes = new ArrayList<>();

  Hasim(ScenarioLoader loader, Long seed, String testName) {
    this.loader = loader;
    this.seed = seed;
    this.testName = testName;
  }

  /** For use without the JUnit extension: the installed models, {@code -Dhasim.seed} if given. */
  public static Hasim standalone() {
    return new Hasim(ScenarioLoader.withInstalledModels(), Long.getLong(SEED_PROPERTY), null);
  }

  /** A scenario file; its {@code events:} are scheduled, its {@code expect:} judged at {@link Sim#finish}. */
  public SimBuilder scenario(Path file) {
    try {
      return new SimBuilder(this, loader.load(file));
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A scenario written inline, as YAML text. */
  public SimBuilder scenario(String yaml) {
    try {
      return new SimBuilder(this, loader.parse("inline.yaml", yaml));
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n--- the YAML ---\n" + yaml, e);
    }
  }

  /** A topology built in code. */
  public SimBuilder topology(Topology topology) {
    try {
      return new SimBuilder(this, loader.parse("topology.yaml", topology.yaml()));
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n--- the topology as YAML ---\n" + topology.yaml(), e);
    }
  }

  public SimBuilder topology(Topology.CwmDomain domain) {
    return topology(domain.topology());
  }

  /** Runs a scenario file to its end and judges it; query the result on the returned, finished {@link Sim}. */
  public Sim run(Path file) {
    return scenario(file).start().runToEnd();
  }

  /** Runs an inline scenario to its end and judges it. */
  public Sim run(String yaml) {
    return scenario(yaml).start().runToEnd();
  }

  /** The test's seed ({@link Seeds}, {@code -Dhasim.seed}), or null: each scenario's own. */
  public Long seed() {
    return seed;
  }

  /** The simulations this test made so far, in order. */
  public List<Sim> simulations() {
    return List.copyOf(sims);
  }

  /** The command that repeats this test with {@code runSeed}. */
  public String reproduce(long runSeed) {
    if (testName == null) {
      return "run again with seed " + runSeed + " (-D" + SEED_PROPERTY + "=" + runSeed + ")";
    }
    return "mvn test -Dtest='" + testName + "' -D" + SEED_PROPERTY + "=" + runSeed + "  (in "
        + Path.of("").toAbsolutePath().getFileName() + "/)";
  }

  Sim register(Sim sim) {
    sims.add(sim);
    return sim;
  }

  ScenarioLoader loader() {
    return loader;
  }

  long seedFor(Scenario scenario, Long explicit) {
    return explicit != null ? explicit : seed != null ? seed : scenario.seed();
  }

  void finished(Sim sim, RunResult result) {
    int index = sims.indexOf(sim);
    while (traceHashes.size() <= index) {
      traceHashes.add(null);
    }
    traceHashes.set(index, result.traceSha256());
  }

  /**
   * Finishes every open simulation; returns the trace hash of each, in order. Failures (an unexpected invariant
   * violation) are collected and the first thrown after all are closed.
   */
  List<String> closeAll() {
    AssertionError first = null;
    for (Sim sim : sims) {
      try {
        sim.close();
      } catch (AssertionError e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return List.copyOf(traceHashes);
  }

  /** After a failed test: stop every simulation without judging it. */
  void abandonAll() {
    sims.forEach(Sim::abandon);
  }

  /** Forget the simulations (closed) so the test body can run again: the determinism check's second run. */
  void reset() {
    sims.clear();
    traceHashes.clear();
  }
}
