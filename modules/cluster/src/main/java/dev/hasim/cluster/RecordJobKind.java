package dev.hasim.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A job kind whose description and outcome are plain records (Jackson CBOR, the outcome deflated): a new
 * kind is its name and {@link #run}. For example explore's "run one schedule" could be
 * <pre>{@code
 * record ScheduleSpec(String templateSource, String templateText, long scheduleSeed) {}
 * new RecordJobKind<>("schedule", ScheduleSpec.class, ScheduleRun.Outcome.class) {
 *   protected ScheduleRun.Outcome run(ScheduleSpec s) { … ScheduleRun.run(template, generator.generate(seed)) }
 * }
 * }</pre>
 * The outcome is then the coordinator's result as it is; a kind that must judge on the coordinator (as
 * {@code RunJobs} judges traces) implements {@link JobKind} itself.
 */
public abstract class RecordJobKind<S, O> implements JobKind<S, O> {
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private final String name;
  private final Class<S> specType;
  private final Class<O> outcomeType;

  protected RecordJobKind(String name, Class<S> specType, Class<O> outcomeType) {
    this.name = name;
    this.specType = specType;
    this.outcomeType = outcomeType;
  }

  /** Runs the job on a worker: a pure function of {@code spec}. */
  protected abstract O run(S spec) throws Exception;

  @Override
  public final String name() {
    return name;
  }

  @Override
  public byte[] encodeSpec(S spec) {
    try {
      return CBOR.writeValueAsBytes(spec);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + spec, e);
    }
  }

  @Override
  public S decodeSpec(byte[] spec) {
    try {
      return CBOR.readValue(spec, specType);
    } catch (IOException e) {
      throw new UncheckedIOException("not a " + specType.getSimpleName(), e);
    }
  }

  @Override
  public byte[] execute(S spec) throws Exception {
    O outcome = run(spec);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
      CBOR.writeValue(out, outcome);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  @Override
  public O decodeOutcome(S spec, byte[] outcome) {
    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(outcome))) {
      return CBOR.readValue(in, outcomeType);
    } catch (IOException e) {
      throw new UncheckedIOException("the outcome of " + describe(spec) + " is unreadable", e);
    }
  }

  @Override
  public boolean passed(O outcome) {
    return true;
  }

  @Override
  public String describe(S spec) {
    return name + " " + spec;
  }
}
