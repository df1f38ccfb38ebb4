package dev.hasim.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live line of {@code hasim check} on stderr: scenarios done of total, which are running and for how long,
 * how many failed. On a terminal it is redrawn in place every second; otherwise (CI logs) a plain line every
 * ten seconds, so that a long check is never silent. Wall time here only measures the check, never a run.
 */
final class CheckProgress implements AutoCloseable {
  private static final long TTY_REFRESH_MS = 1_000;
  private static final long PLAIN_REFRESH_MS = 10_000;

  private final PrintWriter err;
  private final int total;
  private final boolean tty;
  private final Map<String, Long> running = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private int done;
  private int failed;
  private boolean drawn;

  CheckProgress(PrintWriter err, int total, boolean tty) {
    this.err = err;
    this.total = total;
    this.tty = tty;
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "hasim-check-progress");
      thread.setDaemon(true);
      return thread;
    });
    long refreshMs = tty ? TTY_REFRESH_MS : PLAIN_REFRESH_MS;
    ticker.scheduleAtFixedRate(this::draw, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
  }

  /** Runs one scenario's work, counting it as running meanwhile and as done (failed or not) afterwards. */
  <T extends dev.hasim.scenario.run.RunResult> T running(String name, Supplier<T> work) {
    synchronized (this) {
      running.put(name, System.nanoTime());
    }
    T result = null;
    try {
      result = work.get();
      return result;
    } finally {
      synchronized (this) {
        running.remove(name);
        done++;
        if (result == null || result.verdict() != dev.hasim.scenario.run.RunResult.Verdict.PASS) {
          failed++;
        }
      }
    }
  }

  /** The text of the line, e.g. {@code check: 12/32 done, 1 failed; running cwm-a (3 s), mgc-b (1 s)}. */
  synchronized String line() {
    long now = System.nanoTime();
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "check: %d/%d done, %d failed", done, total,
        failed));
    if (!running.isEmpty()) {
      text.append("; running ");
      String separator = "";
      for (Map.Entry<String, Long> run : running.entrySet()) {
        text.append(separator).append(run.getKey())
            .append(String.format(Locale.ROOT, " (%d s)", (now - run.getValue()) / 1_000_000_000L));
        separator = ", ";
      }
    }
    return text.toString();
  }

  private synchronized void draw() {
    if (tty) {
      err.print("\r\033[K" + line());
      drawn = true;
    } else {
      err.println(line());
    }
    err.flush();
  }

  /** Before a row goes to stdout: a terminal's progress line is wiped so the row is not printed after it. */
  synchronized void clearLine() {
    if (tty && drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clearLine();
  }
}
