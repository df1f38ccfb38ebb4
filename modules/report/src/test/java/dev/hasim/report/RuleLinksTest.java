package dev.hasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.report.html.ReportHtml;
import dev.hasim.scenario.run.RunResult;
import org.junit.jupiter.api.Test;

/** Issue 19 item 6: a rule ID in report.html leads to its section and carries its text, offline. */
class RuleLinksTest {
  @Test
  void theCatalogueHoldsEveryRuleWithItsText() {
    assertTrue(RuleCatalogue.all().size() >= 39, RuleCatalogue.all().keySet().toString());
    assertTrue(RuleCatalogue.text("CWM-8").startsWith("Secondary graceful shutdown or watchdog restart of a Secondary"),
        RuleCatalogue.text("CWM-8"));
    assertEquals("cwm-8", RuleCatalogue.anchor("CWM-8"));
  }

  @Test
  void ruleLinksPointAtTheRulesSectionAndTheReportQuotesEveryRuleItCites() throws Exception {
    RunResult r = ReportFixtures.shipped("cwm/secondary-shutdown-renumbering.yaml");
    String html = ReportHtml.render(r, "../../../docs");
    assertTrue(html.contains("<a class=\"rule\" href=\"../../../docs/rules.md#cwm-8\" title=\"CWM-8: Secondary graceful"),
        "a link to the section, the text as its tooltip");
    assertTrue(html.contains("<h2>Rules cited</h2>"), "the rules, quoted in the page");
    int section = html.indexOf("<h2>Rules cited</h2>");
    assertTrue(html.indexOf("every Sm with m &gt; n becomes S(m−1)", section) > 0 || html.indexOf("becomes S(m−1)", section) > 0,
        "CWM-8's text in the page");
    assertTrue(!html.contains("/models/cwm.md\""), "no link to a whole model page without an anchor");
    String offline = ReportHtml.render(r, null);
    assertTrue(offline.contains("<span class=\"rule\" title=\"CWM-8: "), "without the docs, still the text");
  }
}
