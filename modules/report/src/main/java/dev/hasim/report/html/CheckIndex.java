package dev.hasim.report.html;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.report.Narrative;
import dev.hasim.scenario.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code hasim check} writes beside the reports: {@code index.html}, every scenario with its verdict,
 * convergence figures and a link to its report; and {@code junit.xml}, the same verdicts for CI systems.
 */
public final class CheckIndex {
  /** One checked scenario: its result, or the loader's complaint when the file was invalid. */
  public record Entry(String file, RunResult result, Path reportFolder, String invalid) {}

  private CheckIndex() {}

  public static String html(List<Entry> entries, Path outRoot) {
    long passed = entries.stream().filter(e -> e.result() != null && e.result().verdict() == RunResult.Verdict.PASS)
        .count();
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>hasim check</title><style>" + ReportHtml.CSS + "</style></head><body>\n<h1>hasim check <span class=\"verdict "
        + (passed == entries.size() ? "pass\">PASS" : "fail\">FAIL") + "</span></h1><p class=\"meta\">" + passed + " of "
        + entries.size() + " scenarios pass</p>\n<table class=\"checks\"><tr><th></th><th>scenario</th><th>seed</th>"
        + "<th>expectations</th><th>violations</th><th>faults</th><th>worst settle</th><th>never settled</th>"
        + "<th>report</th></tr>\n");
    for (Entry e : entries) {
      if (e.result() == null) {
        page.append("<tr class=\"fail\"><td>✘</td><td>").append(Svg.escape(e.file())).append("</td><td colspan=\"7\">")
            .append("invalid: ").append(Svg.escape(e.invalid())).append("</td></tr>\n");
        continue;
      }
      RunResult r = e.result();
      long ok = r.expectations().stream().filter(RunResult.ExpectationResult::ok).count();
      long worst = r.convergence().stream().filter(c -> c.convergedMs() != null)
          .mapToLong(c -> c.convergedMs() - c.injectedMs()).max().orElse(-1);
      long never = r.convergence().stream().filter(c -> c.convergedMs() == null).count();
      String link = outRoot.toAbsolutePath().normalize().relativize(e.reportFolder().toAbsolutePath().normalize())
          .resolve("report.html").toString().replace('\\', '/');
      boolean pass = r.verdict() == RunResult.Verdict.PASS;
      page.append("<tr class=\"").append(pass ? "pass" : "fail").append("\"><td>").append(pass ? "✔" : "✘")
          .append("</td><td>").append(Svg.escape(r.scenario().name())).append("</td><td>").append(r.seed())
          .append("</td><td>").append(ok).append('/').append(r.expectations().size()).append("</td><td>")
          .append(r.unexpectedViolations().size()).append("</td><td>").append(r.convergence().size()).append("</td><td>")
          .append(worst < 0 ? "—" : worst + " ms").append("</td><td>").append(never).append("</td><td><a href=\"")
          .append(Svg.escape(link)).append("\">report</a></td></tr>\n");
    }
    return page.append("</table></body></html>\n").toString();
  }

  /** JUnit XML: one test case per scenario; failures carry the failed expectations and violations. */
  public static String junit(List<Entry> entries) {
    long failures = entries.stream().filter(e -> e.result() != null && e.result().verdict() == RunResult.Verdict.FAIL)
        .count();
    long errors = entries.stream().filter(e -> e.result() == null).count();
    double seconds = entries.stream().filter(e -> e.result() != null)
        .mapToLong(e -> e.result().stats().wallMs()).sum() / 1000.0;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(String.format(Locale.ROOT, "<testsuite name=\"hasim check\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
            + "time=\"%.3f\">%n", entries.size(), failures, errors, seconds));
    for (Entry e : entries) {
      RunResult r = e.result();
      String name = r == null ? e.file() : r.scenario().name();
      xml.append("  <testcase classname=\"hasim.scenarios\" name=\"").append(Svg.escape(name)).append("\" time=\"")
          .append(r == null ? "0" : String.format(Locale.ROOT, "%.3f", r.stats().wallMs() / 1000.0)).append("\">");
      if (r == null) {
        xml.append("<error message=\"").append(Svg.escape(e.invalid())).append("\"/>");
      } else if (r.verdict() == RunResult.Verdict.FAIL) {
        StringBuilder why = new StringBuilder();
        r.expectations().stream().filter(x -> !x.ok())
            .forEach(x -> why.append("expectation ").append(x.expect()).append(": ").append(x.detail()).append('\n'));
        for (Violation v : r.unexpectedViolations()) {
          why.append("invariant ").append(v.invariant()).append(" at ").append(Narrative.time(v.tMs())).append(": ")
              .append(v.detail()).append('\n');
        }
        xml.append("<failure message=\"").append(Svg.escape(firstLine(why.toString()))).append("\">")
            .append(Svg.escape(why + "reproduce: ./" + r.reproduce())).append("</failure>");
      }
      if (r != null) {
        xml.append("<system-out>").append(Svg.escape("seed " + r.seed() + ", trace " + r.traceSha256()
            + convergenceSummary(r.convergence()))).append("</system-out>");
      }
      xml.append("</testcase>\n");
    }
    return xml.append("</testsuite>\n").toString();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String convergenceSummary(List<Convergence.Result> results) {
    StringBuilder out = new StringBuilder();
    for (Convergence.Result c : results) {
      out.append('\n').append(c.fault()).append(": ")
          .append(c.outcome(Narrative::time));
    }
    return out.toString();
  }
}
