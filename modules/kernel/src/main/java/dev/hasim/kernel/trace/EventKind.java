package dev.hasim.kernel.trace;

/** The trace's vocabulary. docs/architecture.md has the legend with every kind's fields. */
public final class EventKind {
  /** Something injected by the scenario: a network fault, a node lifecycle action, an operator command. */
  public static final String FAULT = "fault";
  /** A node's role changed ({@code from}, {@code to}); DOWN and STARTING come from the kernel. */
  public static final String ROLE = "role";
  /** A node's state changed ({@code from}, {@code to}). */
  public static final String STATE = "state";
  public static final String ALARM_RAISED = "alarm_raised";
  public static final String ALARM_CLEARED = "alarm_cleared";
  /** A node decided something; always carries {@code rule} (a rule ID of docs/rules.md) and {@code why}. */
  public static final String DECISION = "decision";
  /** A configuration problem found when a node read its configuration; carries {@code rule} and {@code why}. */
  public static final String WARNING = "warning";
  /**
   * What a node believes or reports about something other than itself ({@code key}, {@code value}): whom it
   * takes for Primary, its heartbeat and data-sync status. Views feed monitors and belief matrices.
   */
  public static final String VIEW = "view";
  /** A log line the real product would print ({@code level}, {@code message}, {@code rule}), e.g. CWM's L1. */
  public static final String LOG = "log";
  /** A node's code threw: a model bug, reported and failing the run. */
  public static final String NODE_ERROR = "node_error";
  /**
   * A message between nodes, recorded when its fate is known ({@code to}, {@code type}, {@code sent_ms},
   * {@code fate} delivered or dropped, {@code reason}); only around faults, for sequence diagrams.
   */
  public static final String MESSAGE = "message";

  /** The kernel's own kinds; any other kind is a model's (see {@link #isAttribute}). */
  public static final java.util.Set<String> KERNEL_KINDS = java.util.Set.of(FAULT, ROLE, STATE, ALARM_RAISED,
      ALARM_CLEARED, DECISION, WARNING, VIEW, LOG, NODE_ERROR, MESSAGE);

  private EventKind() {}

  /**
   * A model's own kind that tracks a value of the node, like a role: written by
   * {@link NodeRecorder#attribute} with {@code from} and {@code to} (CWM's {@code priority}). The trace says so
   * by its shape, so every reader knows it without asking the model. A model's other kinds are notices
   * ({@link NodeRecorder#notice}, e.g. CWM's {@code trap}), which never carry {@code from} and {@code to}.
   */
  public static boolean isAttribute(TraceEvent event) {
    return !KERNEL_KINDS.contains(event.kind()) && event.fields().containsKey("from")
        && event.fields().containsKey("to");
  }

  /** Events that change what a node is or believes: convergence waits for these to stop. */
  public static boolean isChange(TraceEvent event) {
    String kind = event.kind();
    return kind.equals(ROLE) || kind.equals(STATE) || kind.equals(ALARM_RAISED) || kind.equals(ALARM_CLEARED)
        || kind.equals(VIEW) || isAttribute(event);
  }
}
