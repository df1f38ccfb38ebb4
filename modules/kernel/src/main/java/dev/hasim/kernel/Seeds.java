package dev.hasim.kernel;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One root seed per run; every subsystem draws from its own stream, derived from the root and the
 * subsystem's name. Named rather than drawn in order, so adding a subsystem never shifts another's stream.
 */
public final class Seeds {
  private Seeds() {}

  public static SplittableRandom stream(long rootSeed, String purpose) {
    return new SplittableRandom(derive(rootSeed, purpose));
  }

  public static long derive(long rootSeed, String purpose) {
    long hash = 0xcbf29ce484222325L; // FNV-1a, 64 bit
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b;
      hash *= 0x100000001b3L;
    }
    return mix(rootSeed ^ mix(hash));
  }

  /** SplitMix64's finaliser: spreads nearby seeds (1, 2, 3 …) far apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
