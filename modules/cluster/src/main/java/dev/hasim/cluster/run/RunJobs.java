package dev.hasim.cluster.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.hasim.cluster.JobKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * One scenario under one seed: the job behind {@code run --seeds … --cluster} and {@code check --cluster}.
 * The worker runs the scenario and sends back only what cannot be derived: the trace events, their hash and
 * the run's statistics. The coordinator judges the trace itself ({@link ScenarioRunner#judgeRecorded}), so
 * invariants, convergence, expectations, model files and every report come from the same code as a local
 * run; the trace it prints must hash to the worker's hash, or the result is refused.
 *
 * <p>The events travel as structured records, not as trace.jsonl lines: a line cannot always be read back
 * into its event (a fault field named {@code kind} takes the place of the event's kind in the line).
 */
public final class RunJobs implements JobKind<RunJobs.Spec, RunResult> {
  /**
   * @param source the scenario file's name as the user gave it (reports and the reproduce line show it)
   * @param yaml the file's text: a worker on another machine has no copy of it
   * @param seed the root seed, or null for the scenario's own (as {@code check} runs it)
   */
  public record Spec(String source, String yaml, Long seed) {
    /** Reads the file that {@code scenario} was loaded from. */
    public static Spec of(Path file, Long seed) throws IOException {
      return new Spec(file.toString(), Files.readString(file, StandardCharsets.UTF_8), seed);
    }
  }

  /** What travels back: deflated CBOR, a few KiB for a typical run. */
  record Outcome(RunResult.Stats stats, String traceSha256, List<TraceEvent> events) {}

  private static final int SCENARIO_CACHE = 16;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private final ScenarioLoader loader;
  private final Map<Spec, Scenario> scenarios = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Spec, Scenario> eldest) {
      return size() > SCENARIO_CACHE;
    }
  };

  public RunJobs(ScenarioLoader loader) {
    this.loader = loader;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public byte[] encodeSpec(Spec spec) {
    try {
      return JSON.writeValueAsBytes(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Spec decodeSpec(byte[] spec) {
    try {
      return JSON.readValue(spec, Spec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] execute(Spec spec) throws ScenarioException, IOException {
    RunResult result = ScenarioRunner.run(scenario(spec), ScenarioRunner.Options.defaults().withSeed(spec.seed()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
      CBOR.writeValue(out, new Outcome(result.stats(), result.traceSha256(), result.events()));
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  @Override
  public RunResult decodeOutcome(Spec spec, byte[] outcome) {
    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(outcome))) {
      Outcome decoded = CBOR.readValue(in, Outcome.class);
      Scenario scenario = scenario(spec);
      long seed = spec.seed() != null ? spec.seed() : scenario.seed();
      RunResult result = ScenarioRunner.judgeRecorded(scenario, seed, decoded.events(), decoded.stats());
      if (!result.traceSha256().equals(decoded.traceSha256())) {
        throw new IllegalStateException("the trace of " + describe(spec) + " has sha256 " + decoded.traceSha256()
            + " on its worker but " + result.traceSha256() + " here; is every machine running the same hasim build?");
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("the result of " + describe(spec) + " is unreadable", e);
    } catch (ScenarioException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public boolean passed(RunResult result) {
    return result.verdict() == RunResult.Verdict.PASS;
  }

  @Override
  public String describe(Spec spec) {
    return spec.source() + (spec.seed() == null ? "" : " seed " + spec.seed());
  }

  /** Parsed once per (file, text): a sweep sends the same text with every seed. */
  private Scenario scenario(Spec spec) throws ScenarioException {
    Spec key = new Spec(spec.source(), spec.yaml(), null);
    synchronized (scenarios) {
      Scenario cached = scenarios.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Scenario parsed = loader.parse(spec.source(), spec.yaml());
    synchronized (scenarios) {
      scenarios.put(key, parsed);
    }
    return parsed;
  }
}
