package dev.hasim.kernel.check;

/**
 * A property that must hold of the world, checked from outside the nodes on the trace. Detection takes
 * time, so a breach becomes a violation only once it has lasted {@link #graceMs()}; safety properties such
 * as "at most one Primary" use 0.
 */
public interface Invariant {
  String name();

  long graceMs();

  /** Reports each subject (a node, a pair, a domain) for which the property does not hold right now. */
  void check(WorldState world, Breaches breaches);

  @FunctionalInterface
  interface Breaches {
    void breach(String subject, String detail);
  }
}
