package dev.hasim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random and mutated YAML thrown at the loader: it must always end in a valid scenario or a clean
 * {@link ScenarioException} with a position, never another exception.
 */
class LoaderProperties {
  /** Fixed, so that the build is reproducible; another seed searches new inputs (docs/testing.md). */
  private static final String FIXED_SEED = "20261203";

  private static final String VALID = """
      name: toy-run
      description: two nodes
      seed: 3
      duration: 60s
      network: {latency: 2ms, jitter: 1ms, loss: 0.1, links: [{between: [a, b], loss: 5%}]}
      topology:
        toy: {nodes: [a, b, c]}
      events:
        - {at: 10s, cut: [a, b]}
        - {at: 12s, cut: {from: b, to: c}}
        - {at: 15s, partition: [[a], [b, c]]}
        - {at: 20s, heal: all}
        - {at: 25s, degrade: {link: [a, c], loss: 0.5}}
        - {at: 30s, crash: {node: a, restart_after: 5s}}
        - {at: 40s, restart: b}
      expect:
        - {at: 15s, role: {node: a, is: UP}}
        - {invariant: toy-invariant}
        - {converged: {after: 20s, within: 2s}}
      """;

  private static final String YAML_CHARS = "abnmetodu:-[]{},#&*!|>'\" \n\t0123456789.%s";

  private static void loadsOrRefusesCleanly(String text) {
    try {
      ToyModel.LOADER.parse("fuzz.yaml", text);
    } catch (ScenarioException e) {
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
      assertTrue(e.getMessage().startsWith("fuzz.yaml:"), e.getMessage());
    }
  }

  @Property(tries = 500, seed = FIXED_SEED)
  void randomTextNeverCrashesTheLoader(@ForAll("yamlish") String text) {
    loadsOrRefusesCleanly(text);
  }

  @Property(tries = 1000, seed = FIXED_SEED)
  void mutatedScenariosNeverCrashTheLoader(@ForAll @IntRange(min = 0, max = 2000) int position,
      @ForAll @IntRange(min = 0, max = 6) int mutation, @ForAll("yamlish") String insert) {
    int at = position % (VALID.length() + 1);
    String mutated = switch (mutation) {
      case 0 -> VALID.substring(0, at);                                           // truncated
      case 1 -> VALID.substring(0, at) + insert + VALID.substring(at);            // inserted garbage
      case 2 -> VALID.substring(0, at) + VALID.substring(Math.min(VALID.length(), at + insert.length())); // deleted
      case 3 -> VALID.replace("60s", insert.isEmpty() ? "x" : insert);            // odd duration
      case 4 -> VALID.replace("a, b]", insert + "]");                             // odd names
      case 5 -> VALID.substring(at) + VALID.substring(0, at);                     // rotated
      default -> VALID.replace(":", at % 2 == 0 ? " :" : ":" + insert);
    };
    loadsOrRefusesCleanly(mutated);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars(YAML_CHARS.toCharArray()).ofMaxLength(120);
  }
}
