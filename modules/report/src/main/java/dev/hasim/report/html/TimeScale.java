package dev.hasim.report.html;

/** Virtual milliseconds to pixels: x = left + t / duration × width. Written into the SVG for tests and zoom. */
record TimeScale(long durationMs, double left, double width) {
  double x(long tMs) {
    return left + (double) Math.min(Math.max(tMs, 0), durationMs) / durationMs * width;
  }

  /** The SVG attributes a reader (the browser test, the zoom script) needs to map times to pixels. */
  Object[] dataAttributes() {
    return new Object[] {"data-plot-left", Svg.num(left), "data-plot-width", Svg.num(width), "data-duration-ms",
        durationMs};
  }

  /** Tick spacing: a round number of ms giving about ten ticks. */
  long tickMs() {
    long[] steps = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
        120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000};
    for (long step : steps) {
      if (durationMs / step <= 12) {
        return step;
      }
    }
    return 3_600_000;
  }
}
