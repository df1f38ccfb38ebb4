package dev.hasim.bench;

import dev.hasim.kernel.runtime.ActorRuntime;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Wall time per tenth of a run's virtual duration, for {@code hasim bench --phases}: a run's total hides when
 * it was slow, and that is what found the layout effect of docs/performance.md item 20 (the virtual minute
 * before the first young collection ran 3× slower than the rest). The runtime reports progress every so many
 * tasks, not at tenths: each report charges the wall time since the previous one to the tenth it lands in.
 */
final class PhaseTimer implements ActorRuntime.Progress {
  private static final int PHASES = 10;

  private final long virtualMs;
  private final long[] wallNanos = new long[PHASES];
  private long last = System.nanoTime();

  PhaseTimer(long virtualMs) {
    this.virtualMs = virtualMs;
  }

  @Override
  public void at(long nowMs, long endMs, long tasksRun) {
    long now = System.nanoTime();
    int phase = (int) Math.min(PHASES - 1, nowMs * PHASES / Math.max(1, virtualMs));
    wallNanos[phase] += now - last;
    last = now;
  }

  /** For example {@code "wall s per 60 s virtual: 1.41 0.82 0.81 …"}. */
  String summary() {
    String tenth = BigDecimal.valueOf(virtualMs / PHASES, 3).stripTrailingZeros().toPlainString();
    StringBuilder line = new StringBuilder("wall s per " + tenth + " s virtual:");
    for (long nanos : wallNanos) {
      line.append(String.format(Locale.ROOT, " %.2f", nanos / 1e9));
    }
    return line.toString();
  }
}
