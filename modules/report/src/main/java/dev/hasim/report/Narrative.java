package dev.hasim.report;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.Locale;

/** Trace events as sentences a person reads: the story of {@code report.md}. */
public final class Narrative {
  private Narrative() {}

  /** "12.750 s" — virtual time as people read it. */
  public static String time(long tMs) {
    return String.format(Locale.ROOT, "%d.%03d s", tMs / 1000, tMs % 1000);
  }

  /** "A → B", or "is now B" for a first value (a node's first state has no "from"). */
  static String change(TraceEvent e) {
    return e.string("from") == null ? "is now " + e.string("to") : e.string("from") + " → " + e.string("to");
  }

  /** "1 event", "2 events". */
  public static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  public static String sentence(TraceEvent e) {
    String rule = e.string("rule") == null ? "" : " (" + e.string("rule") + ")";
    String why = e.string("why") == null ? "" : ": " + e.string("why");
    return switch (e.kind()) {
      case EventKind.FAULT -> "**Injected** " + Convergence.label(e) + ".";
      case EventKind.DECISION -> "**" + e.node() + "** decides" + rule + why + ".";
      case EventKind.ROLE -> e.node() + " role " + change(e) + rule + why + ".";
      case EventKind.STATE -> e.node() + " state " + change(e) + rule + why + ".";
      case EventKind.PRIORITY -> e.node() + " priority " + change(e) + rule + why + ".";
      case EventKind.ALARM_RAISED -> e.node() + " raises alarm " + e.string("code") + rule + ".";
      case EventKind.ALARM_CLEARED -> e.node() + " clears alarm " + e.string("code") + rule + why + ".";
      case EventKind.LOG -> e.node() + " logs " + e.string("level") + rule + ": " + e.string("message");
      case EventKind.TRAP -> e.node() + " sends SNMP trap " + e.string("trap")
          + (e.string("number") == null ? "" : " (" + e.string("number") + ")") + rule + why + ".";
      case EventKind.VIEW -> e.node() + " now sees " + e.string("key") + " = " + e.string("value") + ".";
      case EventKind.WARNING -> "**Warning** on " + e.node() + rule + why + ".";
      case EventKind.NODE_ERROR -> "**Error** in " + e.node() + "'s code: " + e.string("error") + ".";
      default -> e.node() + " " + e.kind() + " " + e.fields() + ".";
    };
  }
}
