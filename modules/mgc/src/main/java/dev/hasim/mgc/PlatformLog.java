package dev.hasim.mgc;

import dev.hasim.kernel.trace.TraceEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders each MGC host's {@code /opt/CiscoMGC/var/log/platform.log} from the trace (MGC-12), in the seed's
 * format: a header line {@code Sun Oct 20 16:07:09:707 2002 WET | ProvObjectManager (PID 11017) <Debug>}, the
 * message on the next line, then a blank line. The trace already holds exactly the lines the POM's log level let
 * through, so this is formatting only.
 */
public final class PlatformLog {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss:SSS yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private PlatformLog() {}

  /** The file name in the run folder: {@code <host>/platform.log}. */
  public static String path(String host) {
    return host + "/platform.log";
  }

  public static Map<String, String> render(Collection<String> hosts, Iterable<TraceEvent> events, MgcSettings clock) {
    Map<String, StringBuilder> logs = new LinkedHashMap<>();
    Map<String, Long> pids = new LinkedHashMap<>();
    hosts.forEach(h -> logs.put(h, new StringBuilder()));
    for (TraceEvent e : events) {
      StringBuilder log = logs.get(e.node());
      if (log == null) {
        continue;
      }
      if (e.is("view") && "pid".equals(e.string("key")) && e.number("value") != null) {
        pids.put(e.node(), e.number("value"));
      } else if (e.is("log") && LogLevel.ofTag(e.string("level")) != null) {
        log.append(stamp(e.tMs(), clock)).append(" | ").append(MgcHost.PROCESS).append(" (PID ")
            .append(pids.getOrDefault(e.node(), 0L)).append(") <").append(e.string("level")).append(">\n")
            .append(e.string("message")).append("\n\n");
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    logs.forEach((host, text) -> files.put(path(host), text.toString()));
    return files;
  }

  /** {@code Sun Oct 20 16:07:09:707 2002 WET}: virtual time from the pair's clock. */
  public static String stamp(long tMs, MgcSettings clock) {
    Instant at = Instant.ofEpochSecond(clock.epochS()).plusMillis(tMs);
    return STAMP.format(at) + " " + clock.zone();
  }
}
