package dev.hasim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hasim.scenario.spi.ModelPlugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers, pinned: kernel → scenario → models and report → bench → cli. The kernel knows no scenario,
 * model or report; the scenario module and the report name no model; no model names another. The models are
 * the packages of the {@link ModelPlugin}s the class path offers, so a new model is checked without editing
 * this test.
 */
class LayeringTest {
  private static JavaClasses main;
  private static List<String> models;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.hasim");
    models = ServiceLoader.load(ModelPlugin.class).stream().map(p -> p.type().getPackageName()).sorted().toList();
  }

  @Test
  void theClassPathOffersTheShippedModels() {
    assertTrue(models.containsAll(List.of("dev.hasim.cwm", "dev.hasim.ipfe", "dev.hasim.mgc")), models.toString());
  }

  @Test
  void theKernelImportsNothingOfScenarioModelsOrReport() {
    noClasses().that().resideInAPackage("dev.hasim.kernel..")
        .should().dependOnClassesThat().resideInAnyPackage(withModels("dev.hasim.scenario..", "dev.hasim.report.."))
        .check(main);
  }

  @Test
  void theScenarioModuleNamesNoModel() {
    noClasses().that().resideInAPackage("dev.hasim.scenario..")
        .should().dependOnClassesThat().resideInAnyPackage(withModels("dev.hasim.report.."))
        .check(main);
  }

  @Test
  void theReportImportsNoModel() {
    noClasses().that().resideInAPackage("dev.hasim.report..")
        .should().dependOnClassesThat().resideInAnyPackage(withModels())
        .check(main);
  }

  @Test
  void noModelImportsAnother() {
    for (String model : models) {
      List<String> others = models.stream().filter(m -> !m.equals(model)).map(m -> m + "..").toList();
      noClasses().that().resideInAPackage(model + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
          .check(main);
    }
  }

  private static String[] withModels(String... more) {
    List<String> packages = new java.util.ArrayList<>(List.of(more));
    models.forEach(m -> packages.add(m + ".."));
    return packages.toArray(String[]::new);
  }
}
