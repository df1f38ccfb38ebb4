package dev.hasim.explore;

/** Durations as scenario files write them. */
final class Times {
  private Times() {}

  /** 60000 → "60s", 1500 → "1500ms". */
  static String format(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
