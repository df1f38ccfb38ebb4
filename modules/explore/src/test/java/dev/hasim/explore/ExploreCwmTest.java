package dev.hasim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explore on the shipped CWM template: documented outcomes and notice coverage (a few schedules only). */
class ExploreCwmTest {
  /**
   * CWM-17: among the first 24 schedules of seed 1 some split the domain (a partition, a gateway restarted alone
   * becomes a second Primary without hearing from the first). The single-primary invariant flags each (the run
   * fails, as CWM-17 asks), but explore counts it as the documented split, not as a finding. Traps are notices;
   * CWM-11 is counted.
   */
  @Test
  void aSplitIsCountedAsTheDocumentedOutcomeAndTrapsCountInTheCoverage(@TempDir Path dir) throws Exception {
    Explorer explorer = ShippedTemplates.explorer("cwm/primary-graceful-shutdown.yaml");
    Explorer.Summary s = ShippedTemplates.explore(explorer, 24, dir);
    assertTrue(s.flagged().getOrDefault("cwm-17-split", 0) > 0, "flagged: " + s.flagged());
    assertFalse(s.failuresByProperty().containsKey("single-primary"), s.failuresByProperty().toString());
    assertFalse(s.failuresByProperty().containsKey("one-primary"), s.failuresByProperty().toString());
    assertTrue(s.coverage().getOrDefault("CWM-11", 0) > 0, "traps (notices) carry CWM-11: " + s.coverage());
    String json = ExploreJson.render(s, explorer);
    assertTrue(json.contains("\"documented_outcomes\""), json);
    assertEquals(24, s.schedules());
  }
}
