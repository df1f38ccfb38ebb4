package dev.hasim.testkit;

import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

/** The scenario files a model ships (sim-scenarios/&lt;model&gt;/), for a test that runs every one of them. */
public final class ShippedScenarios {
  private ShippedScenarios() {}

  /** The {@code .yaml} files in {@code folder}, by name. */
  public static List<Path> in(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The minimal scenarios hasim explore found for the model that ships {@code modelFolder}
   * (sim-scenarios/&lt;model&gt;/), kept beside it in sim-scenarios/regressions/ as {@code <model>-*.yaml}.
   */
  public static List<Path> regressionsOf(Path modelFolder) {
    String prefix = modelFolder.getFileName() + "-";
    return in(modelFolder.resolveSibling("regressions")).stream()
        .filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
  }

  /**
   * One test per regression of {@link #regressionsOf the model}, named by its file: each scenario, loaded with
   * the model's {@code loader}, must PASS (a fix that regresses fails here even where no rule test names it).
   */
  public static Stream<DynamicTest> regressionTests(Path modelFolder, ScenarioLoader loader) {
    List<Path> files = regressionsOf(modelFolder);
    Assertions.assertFalse(files.isEmpty(), "regressions kept beside " + modelFolder);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      RunResult r = ScenarioRunner.run(loader.load(file), ScenarioRunner.Options.defaults());
      Assertions.assertEquals(RunResult.Verdict.PASS, r.verdict(), () -> r.expectations() + " " + r.violations());
    }));
  }
}
