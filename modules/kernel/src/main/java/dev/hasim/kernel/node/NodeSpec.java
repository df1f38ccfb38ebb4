package dev.hasim.kernel.node;

import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;

/**
 * What a model tells the kernel about one node: its name and kind, how to build a fresh incarnation, and the
 * message that asks it to shut down gracefully (the model's notification runs; crash skips it).
 *
 * @param startAtMs when the node first starts; null if it waits for a scenario {@code start} event
 */
public record NodeSpec(
    String name,
    String kind,
    Function<NodeEnv, Behavior<?>> behavior,
    Object gracefulShutdown,
    Long startAtMs) {}
