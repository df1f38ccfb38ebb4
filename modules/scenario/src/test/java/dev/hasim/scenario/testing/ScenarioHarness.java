package dev.hasim.scenario.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.scenario.spi.ModelPlugin;
import java.nio.file.Path;
import java.util.List;

/**
 * The test harness every model shares (published as this module's test-jar): load scenarios written inline
 * or shipped, run them in virtual time, and pick events out of the trace.
 */
public final class ScenarioHarness {
  private final ScenarioLoader loader;

  public ScenarioHarness(ModelPlugin... plugins) {
    this.loader = new ScenarioLoader(List.of(plugins));
  }

  public ScenarioLoader loader() {
    return loader;
  }

  /** Loads inline YAML; a scenario a test means to be valid fails the test with the loader's message. */
  public Scenario scenario(String yaml) {
    try {
      return loader.parse("test.yaml", yaml);
    } catch (ScenarioException e) {
      return fail(e.getMessage());
    }
  }

  public RunResult run(String yaml) {
    return ScenarioRunner.run(scenario(yaml), ScenarioRunner.Options.defaults());
  }

  public RunResult run(Path file) {
    try {
      return ScenarioRunner.run(loader.load(file), ScenarioRunner.Options.defaults());
    } catch (ScenarioException e) {
      return fail(e.getMessage());
    }
  }

  /** The scenario files shipped in {@code folder}, by name: what every model's scenario-files test runs. */
  public static List<Path> shipped(Path folder) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Appends each non-blank line of {@code text} with {@code indent}: configuration text inside a template. */
  public static void appendIndented(StringBuilder yaml, String indent, String text) {
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        yaml.append(indent).append(line).append('\n');
      }
    }
  }

  /** Appends an {@code events:} list of the given flow-style items, if any. */
  public static void appendEvents(StringBuilder yaml, String... events) {
    if (events.length > 0) {
      yaml.append("events:\n");
      for (String event : events) {
        yaml.append("  - ").append(event).append('\n');
      }
    }
  }

  public static List<TraceEvent> events(RunResult r, String node, String kind) {
    return r.events().stream().filter(e -> e.node().equals(node) && e.is(kind)).toList();
  }

  public static List<TraceEvent> decisions(RunResult r, String rule) {
    return r.events().stream().filter(e -> e.is("decision") && rule.equals(e.string("rule"))).toList();
  }

  public static List<TraceEvent> decisions(RunResult r, String node, String rule) {
    return decisions(r, rule).stream().filter(e -> e.node().equals(node)).toList();
  }

  /** Whether {@code node} recorded a decision under {@code rule} whose reason contains {@code fragment}. */
  public static boolean said(RunResult r, String node, String rule, String fragment) {
    return decisions(r, node, rule).stream().anyMatch(e -> e.string("why").contains(fragment));
  }
}
