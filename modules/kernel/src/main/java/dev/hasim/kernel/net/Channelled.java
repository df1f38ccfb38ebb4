package dev.hasim.kernel.net;

/**
 * A message that travels on one of several parallel links between the same two nodes (an MGC pair's
 * {@code link1} and {@code link2}). A cut scoped to a channel drops only that channel's messages; a cut of the
 * whole link drops every channel's.
 */
public interface Channelled {
  String channel();
}
