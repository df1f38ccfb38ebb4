package dev.hasim.kernel.net;

/**
 * How a link behaves: a fixed latency, a uniform jitter added on top (0..jitter inclusive, seeded) and the
 * probability that a message is lost (seeded). Immutable; a degrade makes a new one.
 */
public record LinkOptions(long latencyMs, long jitterMs, double loss) {
  public static final LinkOptions DEFAULT = new LinkOptions(1, 0, 0.0);

  public LinkOptions {
    if (latencyMs < 0 || jitterMs < 0) {
      throw new IllegalArgumentException("latency and jitter must be >= 0 ms");
    }
    if (!(loss >= 0.0 && loss <= 1.0)) {
      throw new IllegalArgumentException("loss must be a probability between 0 and 1, got " + loss);
    }
  }

  /** The longest a delivered message can take on this link. */
  public long worstDelayMs() {
    return latencyMs + jitterMs;
  }

  /** This link with some of its values replaced (a null keeps the current value). */
  public LinkOptions with(Long latencyMs, Long jitterMs, Double loss) {
    return new LinkOptions(
        latencyMs != null ? latencyMs : this.latencyMs,
        jitterMs != null ? jitterMs : this.jitterMs,
        loss != null ? loss : this.loss);
  }
}
