package dev.hasim.mgc;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hasim.testkit.Hasim;
import dev.hasim.testkit.Sim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped MGC scenario passes: its expectations are the model's documented behaviour. */
class MgcScenarioFilesTest {
  static List<Path> shipped() throws IOException {
    try (Stream<Path> files = Files.list(MgcHarness.SHIPPED)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void passes(Path file) {
    Sim r = MgcHarness.shipped(Hasim.standalone(), file.getFileName().toString()).assertPassed();
    assertFalse(r.result().files().isEmpty(), "a platform.log per host");
  }
}
