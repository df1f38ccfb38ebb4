package dev.hasim.cwm;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.trace.NodeRecorder;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.List;

/**
 * CWM's words on the trace and how the report shows them: the roles (CWM-2), degraded mode (CWM-10), the
 * priority attribute S1..Sn (CWM-4), SNMP traps (CWM-11, CWM-21) and "whom each gateway takes for Primary"
 * (the Gateway Monitor's primary column, CWM-22).
 */
public final class CwmWords {
  public static final String STARTING = "STARTING";
  public static final String PRIMARY = "PRIMARY";
  public static final String SECONDARY = "SECONDARY";
  public static final String NORMAL = "NORMAL";
  public static final String DEGRADED = "DEGRADED";
  /** The attribute kind of a Secondary's number: {@code {"kind":"priority","from":1,"to":2}}. */
  public static final String PRIORITY = "priority";
  /** The notice kind of an SNMP trap: {@code {"kind":"trap","trap":name,"number":n,"rule":…,"why":…}}. */
  public static final String TRAP = "trap";
  /** The view naming the Primary a gateway follows (itself when Primary). */
  public static final String PRIMARY_VIEW = "primary";

  static final Vocabulary VOCABULARY = new Vocabulary(
      Vocabulary.colours(PRIMARY, "#2563eb", SECONDARY, "#0d9488"),
      Vocabulary.colours(DEGRADED, "#f59e0b"),
      List.of(new Vocabulary.Attribute(PRIORITY, "S", "priority")),
      List.of(new Vocabulary.Notice(TRAP, "sends SNMP trap", "trap", "number")),
      new Vocabulary.Belief(PRIMARY_VIEW, PRIMARY, "Primary", PRIORITY));

  private CwmWords() {}

  /** CWM-11, CWM-21: an SNMP trap; {@code number} is null where the source gives none. */
  static void trap(NodeRecorder trace, String name, Integer number, String rule, String why) {
    trace.notice(TRAP, "trap", name, "number", number, "rule", rule, "why", why);
  }

  /** A gateway's priority as the trace tells it, or null. */
  static Integer priority(WorldState.NodeView view) {
    return view.attribute(PRIORITY) instanceof Number n ? n.intValue() : null;
  }
}
