package dev.hasim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explore on the shipped CUCM EMCC template (a few schedules only). */
class ExploreCucmTest {
  /**
   * EMCC-1: a template whose clusters home users has an emcc_login operator action, so the rule fires in the
   * search (it never did when the template's own login was the only one, and explore replaces template events).
   */
  @Test
  void emcc1_aTemplateWithHomedUsersLogsVisitorsIn(@TempDir Path dir) throws Exception {
    Explorer.Summary s = ShippedTemplates.explore(ShippedTemplates.explorer("cucm/emcc-login.yaml"), 40, dir);
    assertEquals(40, s.schedules());
    assertTrue(s.coverage().getOrDefault("EMCC-1", 0) > 0, "EMCC-1 in the coverage: " + s.coverage());
    assertTrue(s.failuresByProperty().isEmpty(), s.failuresByProperty().toString());
  }
}
