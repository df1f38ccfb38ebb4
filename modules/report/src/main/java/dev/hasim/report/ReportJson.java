package dev.hasim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.scenario.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code report.json}, format version 1. Field names are a contract: docs/architecture.md lists them. */
public final class ReportJson {
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static Map<String, Object> toMap(RunResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hasim_report", FORMAT_VERSION);
    out.put("scenario", r.scenario().name());
    out.put("description", r.scenario().description());
    out.put("source", r.scenario().source());
    out.put("seed", r.seed());
    out.put("reproduce", r.reproduce());
    out.put("mode", r.realtime() ? "realtime" : "simulation");
    out.put("virtual_duration_ms", r.scenario().durationMs());
    out.put("verdict", r.verdict().name());
    out.put("trace_sha256", r.traceSha256());
    List<Map<String, Object>> expectations = new ArrayList<>();
    for (RunResult.ExpectationResult e : r.expectations()) {
      expectations.add(ordered("expect", e.expect(), "ok", e.ok(), "detail", e.detail(), "where", e.where()));
    }
    out.put("expectations", expectations);
    List<Map<String, Object>> violations = new ArrayList<>();
    List<Violation> unexpected = r.unexpectedViolations();
    for (Violation v : r.violations()) {
      violations.add(ordered("invariant", v.invariant(), "t_ms", v.tMs(), "since_ms", v.sinceMs(),
          "subject", v.subject(), "detail", v.detail(), "cause", v.cause(), "expected", !unexpected.contains(v)));
    }
    out.put("invariant_violations", violations);
    List<Map<String, Object>> convergence = new ArrayList<>();
    for (Convergence.Result c : r.convergence()) {
      convergence.add(ordered("fault", c.fault(), "injected_ms", c.injectedMs(), "detected_ms", c.detectedMs(),
          "converged_ms", c.convergedMs(), "stable_since_ms", c.stableSinceMs(), "settle_ms", c.settleMs(),
          "next_fault_ms", c.nextFaultMs()));
    }
    out.put("settle_ms", r.scenario().effectiveSettleMs());
    out.put("convergence", convergence);
    Map<String, Object> finalState = new LinkedHashMap<>();
    r.finalState().forEach((node, f) -> finalState.put(node,
        ordered("role", f.role(), "state", f.state(), "priority", f.priority(), "alarms", f.alarms(),
            "views", f.views())));
    out.put("final_state", finalState);
    out.put("diagnoses", r.diagnoses());
    out.put("file_notes", r.fileNotes());
    RunResult.Stats s = r.stats();
    out.put("stats", ordered("nodes", s.nodes(), "wall_ms", s.wallMs(), "tasks_run", s.tasksRun(),
        "messages_sent", s.messagesSent(), "messages_delivered", s.messagesDelivered(),
        "messages_dropped", s.messagesDropped(), "trace_events", r.events().size()));
    List<Map<String, Object>> events = new ArrayList<>(r.events().size());
    for (TraceEvent event : r.events()) {
      events.add(TraceFormat.asMap(event));
    }
    out.put("events", events);
    return out;
  }

  public static String render(RunResult r) {
    try {
      return JSON.writeValueAsString(toMap(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report not serialisable", e);
    }
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
