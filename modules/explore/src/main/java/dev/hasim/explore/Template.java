package dev.hasim.explore;

import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An ordinary scenario file used as explore's template: its topology, network and convergence settings are
 * kept; its name, seed, duration, events and expectations are replaced by each schedule's. Schedules are
 * rendered back to scenario text and read by the same loader as {@code hasim run}, so what explore runs and
 * the minimal file it writes are the same thing.
 *
 * @param file the template's path as given (it names the minimal files and appears in their comments)
 * @param text the template's text
 */
public record Template(String file, String text, Scenario scenario, List<Exploration> explorations,
    List<String> keptBlocks) {
  /** Top-level keys a schedule replaces. */
  private static final List<String> REPLACED = List.of("name", "description", "seed", "duration", "events", "expect");
  private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*):.*");

  /** Reads the template; a template without any explorable model is refused with the reason. */
  public static Template parse(String file, String text, ScenarioLoader loader) throws ScenarioException {
    Scenario scenario = loader.parse(file, text);
    List<Exploration> explorations = new ArrayList<>();
    for (ModelTopology t : scenario.topologies()) {
      if (t.exploration() != null) {
        explorations.add(t.exploration());
      }
    }
    if (explorations.isEmpty()) {
      throw new ScenarioException(file, 1, 1, "topology: none of its models declares what explore may vary "
          + "and check (" + scenario.topologies().stream().map(ModelTopology::model).toList() + ")");
    }
    return new Template(file, text, scenario, List.copyOf(explorations), keptBlocks(text));
  }

  /** The template's top-level blocks other than those a schedule replaces, in file order. */
  static List<String> keptBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    boolean keep = false;
    for (String line : text.split("\n", -1)) {
      var m = TOP_KEY.matcher(line);
      if (m.matches()) {
        if (current != null && keep) {
          blocks.add(current.toString().stripTrailing());
        }
        current = new StringBuilder();
        keep = !REPLACED.contains(m.group(1));
      }
      if (current != null && !line.startsWith("#")) {
        current.append(line).append('\n');
      }
    }
    if (current != null && keep) {
      blocks.add(current.toString().stripTrailing());
    }
    return List.copyOf(blocks);
  }

  /** The template's name, as the loader read it. */
  public String name() {
    return scenario.name();
  }

  /** Named timer lengths of every model, for biasing times (models' names kept apart by a prefix if several). */
  public Map<String, Long> timersMs() {
    Map<String, Long> timers = new LinkedHashMap<>();
    for (int i = 0; i < explorations.size(); i++) {
      timers.putAll(explorations.get(i).timersMs());
    }
    return timers;
  }

  /** The longest of the models' liveness bounds. */
  public long livenessBoundMs() {
    return explorations.stream().mapToLong(Exploration::livenessBoundMs).max().orElse(0);
  }

  public String livenessBoundWhy() {
    Exploration longest = explorations.stream().max(java.util.Comparator.comparingLong(Exploration::livenessBoundMs))
        .orElseThrow();
    return longest.livenessBoundWhy();
  }

  /** Every model property by name, sorted. */
  public Map<String, Property> properties() {
    return new TreeMap<>(ScenarioLoader.properties(scenario.topologies()));
  }

  /** Every model's documented outcomes (violations explore counts apart rather than as findings). */
  public List<Exploration.Flag> flags() {
    return explorations.stream().flatMap(e -> e.flags().stream()).toList();
  }

  /** Invariants the models' faults break by design (name → why), sorted: explore does not count them. */
  public Map<String, String> faultInvariants() {
    Map<String, String> all = new TreeMap<>();
    explorations.forEach(e -> all.putAll(e.faultInvariants()));
    return all;
  }

  public List<String> rules() {
    return explorations.stream().flatMap(e -> e.rules().stream()).toList();
  }

  /** Nodes the template starts (at some time), in topology order. */
  public List<String> startedNodes() {
    return scenario.nodes().stream().filter(n -> n.startAtMs() != null).map(NodeSpec::name).toList();
  }

  public long lastStartMs() {
    return scenario.nodes().stream().filter(n -> n.startAtMs() != null).mapToLong(NodeSpec::startAtMs).max()
        .orElse(0);
  }

  /**
   * The scenario text of one schedule: a comment header, the replaced keys, the template's kept blocks, then
   * the events and expectations, one flow-style item a line.
   */
  public String render(String header, String name, String description, long seed, long durationMs,
      List<String> events, List<String> expectations) {
    StringBuilder out = new StringBuilder();
    if (header != null && !header.isBlank()) {
      for (String line : header.strip().split("\n")) {
        out.append("# ").append(line).append('\n').toString();
      }
    }
    out.append("name: ").append(name).append('\n');
    if (description != null && !description.isBlank()) {
      out.append("description: >\n");
      for (String line : wrap(description.strip(), 108)) {
        out.append("  ").append(line).append('\n');
      }
    }
    out.append("seed: ").append(seed).append('\n');
    out.append("duration: ").append(Times.format(durationMs)).append('\n');
    for (String block : keptBlocks) {
      out.append(block).append('\n');
    }
    out.append(events.isEmpty() ? "events: []\n" : "events:\n");
    events.forEach(e -> out.append("  - ").append(e).append('\n'));
    out.append(expectations.isEmpty() ? "expect: []\n" : "expect:\n");
    expectations.forEach(e -> out.append("  - ").append(e).append('\n'));
    return out.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line = new StringBuilder();
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
