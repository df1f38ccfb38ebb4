package dev.hasim.kernel.time;

/**
 * The one clock simulated code may read, and the one way the kernel schedules its own work (message
 * deliveries, scenario events). Virtual in simulation, the wall clock in a live run.
 */
public interface Timeline {
  long NANOS_PER_MS = 1_000_000L;

  long nowNanos();

  default long nowMs() {
    return nowNanos() / NANOS_PER_MS;
  }

  /** Runs {@code task} at {@code atNanos} (or now, if that has passed). */
  void scheduleAt(long atNanos, Runnable task);

  default void scheduleAfterMs(long delayMs, Runnable task) {
    scheduleAt(nowNanos() + delayMs * NANOS_PER_MS, task);
  }
}
