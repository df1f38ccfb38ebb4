package dev.hasim.kernel.check;

/**
 * An invariant that stayed broken past its grace period.
 *
 * @param tMs when the breach became a violation (its start plus the grace period)
 * @param sinceMs when the breach started
 * @param cause the trace line, in legend form, of the event after which the breach started
 */
public record Violation(String invariant, long tMs, long sinceMs, String subject, String detail, String cause) {}
