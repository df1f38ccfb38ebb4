package dev.hasim.ipfe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.scenario.ScenarioException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The real scenario files, mutated at random, with the real IPFE model: a clean error or a scenario, always. */
class ShippedScenarioProperties {
  /** Fixed, so that the build is reproducible; another seed searches new inputs (docs/testing.md). */
  private static final String FIXED_SEED = "20261203";

  private static final List<String> TEXTS = load();

  private static List<String> load() {
    List<String> texts = new ArrayList<>();
    try {
      for (var file : ScenarioFilesTest.files()) {
        texts.add(Files.readString(file));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return texts;
  }

  @Property(tries = 1000, seed = FIXED_SEED)
  void mutatedShippedScenariosLoadOrFailCleanly(@ForAll @IntRange(min = 0, max = 100) int which,
      @ForAll @IntRange(min = 0, max = 5000) int position, @ForAll @IntRange(min = 0, max = 40) int length,
      @ForAll("fragments") String fragment) {
    String text = TEXTS.get(which % TEXTS.size());
    int from = position % (text.length() + 1);
    int to = Math.min(text.length(), from + length);
    String mutated = text.substring(0, from) + fragment + text.substring(to);
    try {
      IpfeHarness.LOADER.parse("m.yaml", mutated);
    } catch (ScenarioException e) {
      assertTrue(e.getMessage().startsWith("m.yaml:"), e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> fragments() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "IPFE-B1", "IPFE-C9", "-1s", "0s", "99h", "[", "]", "{", "}", ": ", "\n  - ", "&a", "*a",
            "!!binary", "null", "~", "3.5", "1e9", "servers", "count: 100000", "dsr: x"),
        Arbitraries.strings().withChars("abIPFE-AB12:[]{}, \n#").ofMaxLength(30));
  }
}
