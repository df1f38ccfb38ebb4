package dev.hasim.explore;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A shipped scenario as an explore template, for the tests that search a model's own templates. */
final class ShippedTemplates {
  private ShippedTemplates() {}

  /** The explorer of {@code sim-scenarios/<file>}, with the models installed on the class path. */
  static Explorer explorer(String file) throws IOException, ScenarioException {
    Path template = Path.of("../../sim-scenarios").resolve(file);
    return new Explorer(Template.parse(template.toString(), Files.readString(template),
        ScenarioLoader.withInstalledModels()));
  }

  /** {@code budget} schedules of root seed 1 on two jobs, reports under {@code out}. */
  static Explorer.Summary explore(Explorer explorer, int budget, Path out) throws Exception {
    return explorer.explore(new Explorer.Settings(1, budget, null, 2, out, 50), Explorer.Progress.NONE);
  }
}
