package dev.hasim.explore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code explore.json} (format version 1). Nothing in it depends on the wall clock or the number of jobs, so
 * the same template, seed and budget give the same bytes; with {@code --time} the number of schedules does.
 */
public final class ExploreJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExploreJson() {}

  public static String render(Explorer.Summary s, Explorer explorer) {
    Path out = s.settings().out();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("hasim_explore", 1);
    root.put("template", s.template().file());
    root.put("seed", s.settings().seed());
    root.put("budget", s.settings().budget());
    root.put("time_limit_ms", s.settings().timeLimitMs());
    root.put("schedules", s.schedules());
    root.put("failed_schedules", s.failedSchedules());
    Generator g = explorer.generator();
    Map<String, Object> phases = new LinkedHashMap<>();
    phases.put("safety", "faults from 0 to " + g.healAtMs() + " ms; invariants after every instant, safety "
        + "properties over the whole run");
    phases.put("liveness", "at " + g.healAtMs() + " ms everything is healed and every node started; liveness "
        + "properties judged at " + g.durationMs() + " ms");
    phases.put("liveness_bound_ms", s.template().livenessBoundMs());
    phases.put("liveness_bound", s.template().livenessBoundWhy());
    phases.put("timers_ms", s.template().timersMs());
    root.put("phases", phases);
    List<Object> properties = new ArrayList<>();
    for (var e : explorer.catalogue().entrySet()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", e.getKey());
      p.put("rule", e.getValue()[0]);
      p.put("phase", e.getValue()[1]);
      p.put("statement", e.getValue()[2]);
      p.put("failed_schedules", s.failuresByProperty().getOrDefault(e.getKey(), 0));
      properties.add(p);
    }
    s.failuresByProperty().forEach((name, n) -> {
      if (!explorer.catalogue().containsKey(name)) {
        Map<String, Object> property = new LinkedHashMap<>(); // Map.of's order differs from one JVM to the next
        property.put("name", name);
        property.put("failed_schedules", n);
        properties.add(property);
      }
    });
    root.put("properties", properties);
    List<Object> flags = new ArrayList<>();
    for (var flag : s.template().flags()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", flag.name());
      f.put("rule", flag.rule());
      f.put("invariant", flag.invariant());
      f.put("statement", flag.statement());
      f.put("schedules", s.flagged().getOrDefault(flag.name(), 0));
      flags.add(f);
    }
    root.put("documented_outcomes", flags);
    Map<String, Object> coverage = new LinkedHashMap<>();
    for (String rule : s.template().rules()) {
      coverage.put(rule, s.coverage().getOrDefault(rule, 0));
    }
    s.coverage().forEach(coverage::putIfAbsent);
    root.put("coverage", coverage);
    root.put("rules_never_fired", s.template().rules().stream().filter(r -> !s.coverage().containsKey(r)).toList());
    List<Object> findings = new ArrayList<>();
    for (Explorer.Finding f : s.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("property", f.property());
      m.put("rule", f.rule());
      m.put("phase", f.phase());
      m.put("failed_schedules", f.failures());
      m.put("first_schedule", f.firstSchedule());
      m.put("schedule_seed", f.scheduleSeed());
      m.put("violation", f.detail());
      m.put("minimal_file", relative(out, f.minimalFile()));
      m.put("minimal_events", f.minimalEvents());
      m.put("shrink_runs", f.shrinkRuns());
      m.put("minimal_verdict", f.minimalVerdict());
      m.put("minimal_trace_sha256", f.minimalTraceSha256());
      m.put("reproduces", f.minimalVerdict().equals("FAIL") && f.minimalTraceSha256().equals(f.shrunkTraceSha256()));
      m.put("report", relative(out, f.report()));
      findings.add(m);
    }
    root.put("findings", findings);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String relative(Path out, Path file) {
    return out.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
        .replace('\\', '/');
  }
}
