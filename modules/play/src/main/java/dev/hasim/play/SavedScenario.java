package dev.hasim.play;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a live run as a scenario file: the original file's keys as they were (topology, network, convergence),
 * {@code seed} the run's, {@code duration} the live run's end, {@code events} the original ones up to the end and
 * every injected one at its instant (with its note), {@code expect} either nothing or the state at the end. The
 * injected events follow the file's own: an instant never holds both (the live run injects only where nothing
 * waits), and file order breaks no tie.
 */
final class SavedScenario {
  /** Expectations are written for at most this many nodes. */
  static final int MAX_EXPECTED_NODES = 50;

  private SavedScenario() {}

  /**
   * @param atOf the instant of an original event, given as a flow map (events after the end are left out)
   * @param world the state at the end, for expectations; null for none
   */
  static String yaml(String sourceText, Scenario scenario, long seed, long endMs, List<Playground.Injected> injected,
      Function<String, Long> atOf, WorldState world, String traceSha256) {
    Yaml yaml = new Yaml(new LoaderOptions());
    @SuppressWarnings("unchecked")
    Map<String, Object> original = (Map<String, Object>) yaml.load(sourceText);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", scenario.name() + "-live");
    out.put("description", ("Recorded live with hasim play from " + scenario.name() + (scenario.description().isEmpty()
        ? "." : ": " + scenario.description())).strip());
    out.put("seed", seed);
    out.put("duration", endMs + "ms");
    for (Map.Entry<String, Object> entry : original.entrySet()) {
      if (!List.of("name", "description", "seed", "duration", "events", "expect").contains(entry.getKey())) {
        out.put(entry.getKey(), entry.getValue());
      }
    }
    List<Object> events = new ArrayList<>();
    Yaml flow = flowYaml();
    if (original.get("events") instanceof List<?> list) {
      for (Object item : list) {
        String text = flow.dump(item).strip();
        if (atOf.apply(text) <= endMs) {
          events.add(item);
        }
      }
    }
    for (Playground.Injected event : injected) {
      if (event.atMs() > endMs) {
        continue;
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("at", event.atMs() + "ms");
      @SuppressWarnings("unchecked")
      Map<String, Object> action = (Map<String, Object>) yaml.load("{" + event.event() + "}");
      item.putAll(action);
      if (event.note() != null) {
        item.put("note", event.note());
      }
      events.add(item);
    }
    if (!events.isEmpty()) {
      out.put("events", events);
    }
    if (world != null) {
      List<Object> expect = new ArrayList<>();
      int written = 0;
      for (WorldState.NodeView node : world.nodes()) {
        if (written++ == MAX_EXPECTED_NODES) {
          break;
        }
        if (node.role() != null) {
          expect.add(expectation(endMs, "role", node.name(), node.role()));
        }
        if (node.state() != null) {
          expect.add(expectation(endMs, "state", node.name(), node.state()));
        }
      }
      if (!expect.isEmpty()) {
        out.put("expect", expect);
      }
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(120);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    return "# Recorded with hasim play (" + scenario.name() + ", seed " + seed + ") up to " + endMs + " ms.\n"
        + "# The live run's trace sha256 up to there: " + traceSha256 + "\n"
        + "# ./hasim run on this file reproduces it, hash and all.\n"
        + new Yaml(options).dump(out);
  }

  private static Map<String, Object> expectation(long atMs, String key, String node, String is) {
    Map<String, Object> what = new LinkedHashMap<>();
    what.put("node", node);
    what.put("is", is);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("at", atMs + "ms");
    item.put(key, what);
    return item;
  }

  private static Yaml flowYaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(options);
  }
}
