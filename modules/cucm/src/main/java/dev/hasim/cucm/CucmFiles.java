package dev.hasim.cucm;

import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files derived from the trace for the run folder: each phone's console log and each publisher's EMApp/EMCC
 * log as the seeds print them, {@code utils ntp status} of each CUCM node at the end of the run, and
 * {@code phones-per-ccm.txt}: how many phones each CCM and SRST gateway holds after every change.
 */
final class CucmFiles {
  private CucmFiles() {}

  static Map<String, String> render(List<TraceEvent> events, CucmTopology topology) {
    Map<String, StringBuilder> logs = new TreeMap<>();
    Map<String, Map<String, Object>> ntp = new TreeMap<>();
    List<String> registrars = topology.registrars();
    Map<String, Object> counts = new LinkedHashMap<>();
    registrars.forEach(r -> counts.put(r, 0));
    StringBuilder table = new StringBuilder("time       " + String.join("  ", registrars) + "\n");
    long lastRow = -1;
    for (TraceEvent e : events) {
      if (e.is(EventKind.LOG) && "EMCC-1".equals(e.string("rule")) || e.is(EventKind.LOG) && "PH-2".equals(e.string("rule"))) {
        boolean phone = topology.phones().containsKey(e.node());
        String file = e.node() + (phone ? "/console.log" : "/emapp.log");
        logs.computeIfAbsent(file, f -> new StringBuilder()).append(phone
            ? e.string("level") + " " + clock(e.tMs(), '.') + "000 " + e.string("message")
            : clock(e.tMs(), ',') + " " + e.string("level") + " " + e.string("message")).append('\n');
      } else if (e.is(EventKind.VIEW) && (CucmWords.NTP_VIEW.equals(e.string("key"))
          || CucmWords.NTP_PEERS_VIEW.equals(e.string("key")))) {
        ntp.computeIfAbsent(e.node(), n -> new LinkedHashMap<>()).put(e.string("key"), e.fields().get("value"));
      } else if (e.is(CucmWords.REGISTERED_PHONES) && counts.containsKey(e.node())) {
        Object to = e.fields().get("to");
        counts.put(e.node(), to == null ? 0 : to);
        if (lastRow == e.tMs()) {
          table.setLength(table.lastIndexOf("\n", table.length() - 2) + 1);
        }
        lastRow = e.tMs();
        table.append(String.format("%-10s", clock(e.tMs(), '.')));
        counts.forEach((r, n) -> table.append(' ').append(String.format("%" + r.length() + "s", n)).append(' '));
        table.append('\n');
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    logs.forEach((file, text) -> files.put(file, text.toString()));
    ntp.forEach((node, views) -> files.put(node + "/utils-ntp-status.txt", ntpStatus(views)));
    if (!topology.phones().isEmpty()) {
      files.put("phones-per-ccm.txt", table.toString());
    }
    return files;
  }

  /** PH-3: the shape of the seed's {@code utils ntp status}. */
  private static String ntpStatus(Map<String, Object> views) {
    StringBuilder out = new StringBuilder("ntpd (pid 3638) is running...\n\n");
    out.append("     remote           st  reach\n");
    out.append("==============================================================================\n");
    out.append(" LOCAL(0)             10  yes\n");
    Object peers = views.get(CucmWords.NTP_PEERS_VIEW);
    if (peers != null) {
      for (String line : peers.toString().split("; ")) {
        String[] w = line.trim().split(" ");
        String mark = line.startsWith("*") ? "*" : line.startsWith("+") ? "+" : " ";
        String name = w[0].replace("*", "").replace("+", "");
        out.append(mark).append(String.format("%-20s %2s  %s", name, w[2], w[4])).append('\n');
      }
    }
    out.append('\n').append(views.getOrDefault(CucmWords.NTP_VIEW, "unsynchronised")).append('\n');
    return out.toString();
  }

  private static String clock(long ms, char sep) {
    return String.format("%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, sep, ms % 1000);
  }
}
