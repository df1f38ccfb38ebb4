package dev.hasim.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 20's targets, judged on what this invocation measured: one row each with the value, the target and
 * pass, fail or "not measured" (a workload left out). {@code hasim bench} prints it last and writes it into
 * latest.json and latest.md, so that a re-measurement on a quiet machine reads off the verdicts directly.
 */
final class Acceptance {
  static final double MAX_RATIO = 1.5;
  static final double MAX_FIRST_ROUND_OVER_MEDIAN = 0.25;

  private Acceptance() {}

  static List<Map<String, Object>> judge(List<Map<String, Object>> heartbeat, List<Map<String, Object>> sweeps) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> cwm = find(sweeps, "sweep cwm-");
    rows.add(row("CWM sweep (4 gateways, primary-graceful-shutdown): runs per second per core", ">= "
        + (int) SweepBench.TARGET_CWM_RUNS_PER_S, cwm == null ? null : cwm.get("runs_per_s_per_core") + " (per CPU "
        + "second of its thread: " + cwm.get("runs_per_cpu_s") + "; wall time is what counts, CPU time what a busy "
        + "machine leaves comparable)",
        cwm == null ? null : ((Number) cwm.get("runs_per_s_per_core")).doubleValue() >= SweepBench.TARGET_CWM_RUNS_PER_S));
    boolean same = !sweeps.isEmpty() && sweeps.stream().filter(r -> r.containsKey("same_trace_pooled_and_fresh"))
        .allMatch(r -> Boolean.TRUE.equals(r.get("same_trace_pooled_and_fresh")));
    rows.add(row("sweeps: trace of seed 1 the same on a reused and a fresh actor system", "same",
        sweeps.isEmpty() ? null : same, sweeps.isEmpty() ? null : same));
    for (String name : List.of("mixed-10k", "scale-100k")) {
      Map<String, Object> r = find(heartbeat, name);
      Object ratio = r == null ? null : r.get("ratio_actor_plain");
      rows.add(row(name + ": actor ÷ plain (median)", "<= " + MAX_RATIO, ratio,
          ratio == null ? null : ((Number) ratio).doubleValue() <= MAX_RATIO));
      Object first = null;
      Boolean ok = null;
      if (r != null && r.get("actor_wall_s_rounds") instanceof List<?> rounds && !rounds.isEmpty()
          && r.get("ratio_actor_plain") != null) {
        double over = ((Number) rounds.get(0)).doubleValue() / ((Number) r.get("actor_wall_s")).doubleValue() - 1;
        first = String.format(Locale.ROOT, "%+.0f %%", over * 100);
        ok = over <= MAX_FIRST_ROUND_OVER_MEDIAN;
      }
      rows.add(row(name + ": first measured actor round over the median", "<= +25 %", first, ok));
    }
    return rows;
  }

  private static Map<String, Object> find(List<Map<String, Object>> rows, String prefix) {
    return rows.stream().filter(r -> String.valueOf(r.get("name")).startsWith(prefix)).findFirst().orElse(null);
  }

  private static Map<String, Object> row(String target, String wanted, Object value, Boolean pass) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("target", target);
    row.put("wanted", wanted);
    row.put("value", value);
    row.put("verdict", pass == null ? "not measured" : pass ? "PASS" : "FAIL");
    return row;
  }

  static void print(List<Map<String, Object>> rows, PrintWriter out) {
    out.println("acceptance (issue 20):");
    for (Map<String, Object> r : rows) {
      out.printf(Locale.ROOT, "  %-13s %-72s %-10s %s%n", r.get("verdict"), r.get("target"), r.get("wanted"),
          r.get("value") == null ? "" : r.get("value"));
    }
    out.flush();
  }

  static String markdown(List<Map<String, Object>> rows) {
    StringBuilder md = new StringBuilder("\n## Acceptance (issue 20)\n\n| target | wanted | measured | verdict |\n"
        + "|---|---|---|---|\n");
    for (Map<String, Object> r : rows) {
      md.append("| ").append(r.get("target")).append(" | ").append(r.get("wanted")).append(" | ")
          .append(r.get("value") == null ? "—" : r.get("value")).append(" | ").append(r.get("verdict")).append(" |\n");
    }
    return md.toString();
  }
}
