package dev.hasim.kernel.trace;

/** The trace's vocabulary. docs/architecture.md has the legend with every kind's fields. */
public final class EventKind {
  /** Something injected by the scenario: a network fault, a node lifecycle action, an operator command. */
  public static final String FAULT = "fault";
  /** A node's role changed ({@code from}, {@code to}); DOWN and STARTING come from the kernel. */
  public static final String ROLE = "role";
  /** A node's state changed ({@code from}, {@code to}). */
  public static final String STATE = "state";
  /** A node's priority changed ({@code from}, {@code to}; null when it has none). */
  public static final String PRIORITY = "priority";
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
  /** An SNMP trap the node sends ({@code trap}, optional {@code number}, {@code rule}, {@code why}). */
  public static final String TRAP = "trap";
  /** A node's code threw: a model bug, reported and failing the run. */
  public static final String NODE_ERROR = "node_error";
  /**
   * A message between nodes, recorded when its fate is known ({@code to}, {@code type}, {@code sent_ms},
   * {@code fate} delivered or dropped, {@code reason}); only around faults, for sequence diagrams.
   */
  public static final String MESSAGE = "message";

  private EventKind() {}

  /** Kinds that change what a node is or believes: convergence waits for these to stop. */
  public static boolean isChange(String kind) {
    return kind.equals(ROLE) || kind.equals(STATE) || kind.equals(PRIORITY)
        || kind.equals(ALARM_RAISED) || kind.equals(ALARM_CLEARED) || kind.equals(VIEW);
  }
}
