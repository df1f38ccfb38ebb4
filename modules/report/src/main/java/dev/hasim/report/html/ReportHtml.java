package dev.hasim.report.html;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.report.Monitor;
import dev.hasim.report.Narrative;
import dev.hasim.report.RuleCatalogue;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.spi.ModelTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page — inline CSS, inline SVG and a few lines of script for zoom —
 * that opens from disk with no network: verdict and reproduce command, expectations and invariants, the
 * swimlanes, belief matrices, sequence diagrams around each fault, and the story with rule links.
 */
public final class ReportHtml {
  /** The story lists at most this many decisions; trace.jsonl has them all. */
  static final int MAX_STORY = 1500;

  private ReportHtml() {}

  /**
   * @param docsHref relative link from the report's folder to the repository's {@code docs/} folder, or null
   *     when the docs are not beside the reports (rule IDs are then plain text)
   */
  public static String render(RunResult r, String docsHref) {
    Map<String, List<String>> groups = groups(r);
    List<String> nodeOrder = new ArrayList<>();
    groups.values().forEach(nodeOrder::addAll);
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Svg.escape(r.scenario().name() + " — " + r.verdict())).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    header(page, r);
    expectations(page, r);
    invariants(page, r);
    convergence(page, r);
    if (!r.diagnoses().isEmpty()) {
      page.append("<section><h2>Diagnosis</h2><ul>");
      r.diagnoses().forEach(d -> page.append("<li>").append(Svg.escape(d)).append("</li>"));
      page.append("</ul></section>\n");
    }
    if (!r.files().isEmpty()) {
      page.append("<section><h2>Files</h2><p>Beside this report, written by the models from the trace:</p><ul>");
      r.files().forEach((path, content) -> page.append("<li><a href=\"").append(Svg.escape(path)).append("\">")
          .append(Svg.escape(path)).append("</a> (").append(Narrative.count(content.length(), "byte")).append(")")
          .append(r.fileNotes().containsKey(path) ? ": " + Svg.escape(r.fileNotes().get(path)) : "")
          .append("</li>"));
      page.append("</ul></section>\n");
    }
    page.append("<section><h2>Timeline</h2>").append(legend(r))
        .append("<div class=\"zoom\"><button type=\"button\" data-zoom=\"0.5\">−</button>")
        .append("<button type=\"button\" data-zoom=\"2\">+</button><span>zoom; hover anything for details</span></div>")
        .append("<div class=\"scroll\">").append(Swimlanes.render(r, groups)).append("</div></section>\n");
    if (BeliefMatrix.applies(r)) {
      page.append("<section><h2>Who believes whom is Primary</h2><p>One row per gateway, coloured by the Primary it "
          + "follows (its own colour when it is Primary), with its priority. Red: several Primaries at once.</p>")
          .append("<div class=\"scroll\">").append(BeliefMatrix.render(r, groups)).append("</div></section>\n");
    }
    String sequences = SequenceDiagrams.render(r, nodeOrder);
    if (!sequences.isEmpty()) {
      page.append("<section><h2>Messages around each fault</h2><p>Time flows down. Arrows are delivered messages; "
          + "red dashed stubs ending in a cross were dropped. The red line is the fault.</p>")
          .append(sequences).append("</section>\n");
    }
    story(page, r, docsHref);
    rulesCited(page, r, docsHref);
    page.append("<section><h2>Final state</h2>").append(markdownTable(Monitor.table(r.finalState())))
        .append("</section>\n");
    page.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return page.toString();
  }

  static Map<String, List<String>> groups(RunResult r) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ModelTopology topology : r.scenario().topologies()) {
      groups.putAll(topology.groups());
    }
    return groups;
  }

  private static void header(StringBuilder page, RunResult r) {
    page.append("<header><h1>").append(Svg.escape(r.scenario().name())).append(" <span class=\"verdict ")
        .append(r.verdict().name().toLowerCase(Locale.ROOT)).append("\">").append(r.verdict()).append("</span></h1>");
    if (!r.scenario().description().isEmpty()) {
      page.append("<p>").append(Svg.escape(r.scenario().description())).append("</p>");
    }
    page.append("<p class=\"meta\">seed <b>").append(r.seed()).append("</b> · ")
        .append(r.realtime() ? "real time" : "simulation").append(" · ")
        .append(Svg.escape(Narrative.time(r.scenario().durationMs()))).append(" · ").append(r.stats().nodes())
        .append(" nodes · trace <code>").append(r.traceSha256(), 0, 16).append("…</code></p>")
        .append("<p class=\"meta\">reproduce: <code>./").append(Svg.escape(r.reproduce())).append("</code></p></header>\n");
  }

  private static void expectations(StringBuilder page, RunResult r) {
    page.append("<section><h2>Expectations</h2>");
    if (r.expectations().isEmpty()) {
      page.append("<p>None stated; invariants are checked regardless.</p>");
    } else {
      page.append("<table class=\"checks\"><tr><th></th><th>expectation</th><th>finding</th></tr>");
      for (RunResult.ExpectationResult e : r.expectations()) {
        page.append("<tr class=\"").append(e.ok() ? "pass" : "fail").append("\"><td>").append(e.ok() ? "✔" : "✘")
            .append("</td><td><code>").append(Svg.escape(e.expect())).append("</code>")
            .append(e.where() == null ? "" : " <small class=\"where\">" + Svg.escape(e.where()) + "</small>")
            .append("</td><td>")
            .append(Svg.escape(e.detail())).append("</td></tr>");
      }
      page.append("</table>");
    }
    page.append("</section>\n");
  }

  private static void invariants(StringBuilder page, RunResult r) {
    page.append("<section><h2>Invariants</h2>");
    if (r.violations().isEmpty()) {
      page.append("<p class=\"pass\">Every invariant held throughout.</p>");
    } else {
      page.append("<table class=\"checks\"><tr><th></th><th>invariant</th><th>at</th><th>subject</th><th>detail</th>"
          + "<th>started after</th></tr>");
      List<Violation> unexpected = r.unexpectedViolations();
      for (Violation v : r.violations()) {
        boolean expected = !unexpected.contains(v);
        page.append("<tr class=\"").append(expected ? "expected" : "fail").append("\"><td>")
            .append(expected ? "expected" : "✘").append("</td><td>").append(Svg.escape(v.invariant()))
            .append("</td><td>").append(Svg.escape(Narrative.time(v.tMs()))).append("</td><td>")
            .append(Svg.escape(v.subject())).append("</td><td>").append(Svg.escape(v.detail())).append("</td><td>")
            .append(Svg.escape(v.cause())).append("</td></tr>");
      }
      page.append("</table>");
    }
    page.append("</section>\n");
  }

  private static void convergence(StringBuilder page, RunResult r) {
    if (r.convergence().isEmpty()) {
      return;
    }
    page.append("<section><h2>Convergence</h2><p>Settled: no role, state, priority, alarm or belief change for ")
        .append("the fault's settle window (twice the detection period of the models it touches, unless the scenario ")
        .append("sets <code>convergence.settle</code>), no invariant breached, every model's stable predicate true. ")
        .append("A fault is measured up to the next one.</p>")
        .append("<table class=\"checks\"><tr><th>fault</th><th>injected</th><th>window</th><th>first reaction</th>"
            + "<th>settled</th><th>took</th></tr>");
    for (Convergence.Result c : r.convergence()) {
      page.append("<tr class=\"").append(c.convergedMs() == null ? "fail" : "pass").append("\"><td>")
          .append(Svg.escape(c.fault())).append("</td><td>").append(Narrative.time(c.injectedMs())).append("</td><td>")
          .append(Narrative.time(c.settleMs())).append("</td><td>")
          .append(c.detectedMs() == null ? "none" : Narrative.time(c.detectedMs())).append("</td><td>")
          .append(c.convergedMs() != null ? Narrative.time(c.convergedMs()) + (c.nextFaultMs() == null ? ""
                  : ", quiet until the next fault at " + Narrative.time(c.nextFaultMs()))
              : c.interrupted() ? "interrupted by the next fault at " + Narrative.time(c.nextFaultMs())
              : c.stableSinceMs() != null ? "stable since " + Narrative.time(c.stableSinceMs()) + " (run ended first)"
              : "never").append("</td><td>")
          .append(c.convergedMs() == null ? "—" : (c.convergedMs() - c.injectedMs()) + " ms").append("</td></tr>");
    }
    page.append("</table></section>\n");
  }

  private static void story(StringBuilder page, RunResult r, String docsHref) {
    page.append("<section><h2>What happened</h2><ol class=\"story\">");
    int shown = 0;
    for (TraceEvent e : r.events()) {
      if (!(e.is(EventKind.DECISION) || e.is(EventKind.FAULT) || e.is(EventKind.WARNING)
          || e.is(EventKind.NODE_ERROR) || e.is(EventKind.TRAP))) {
        continue;
      }
      if (shown++ == MAX_STORY) {
        page.append("<li>… more in trace.jsonl</li>");
        break;
      }
      String rule = e.string("rule");
      page.append("<li class=\"").append(e.kind()).append("\"><span class=\"t\">").append(Narrative.time(e.tMs()))
          .append("</span> ");
      if (e.is(EventKind.FAULT)) {
        page.append("<b>injected</b> ").append(Svg.escape(Convergence.label(e)));
      } else {
        page.append("<b>").append(Svg.escape(e.node())).append("</b> ");
        if (rule != null) {
          page.append(ruleLink(rule, docsHref)).append(' ');
        }
        page.append(Svg.escape(e.is(EventKind.TRAP) ? "trap " + e.string("trap") + ": " + e.string("why")
            : e.is(EventKind.NODE_ERROR) ? "error: " + e.string("error") : e.string("why")));
      }
      page.append("</li>");
    }
    page.append("</ol></section>\n");
  }

  /**
   * CWM-8 → docs/rules.md#cwm-8, with the rule's text as its tooltip (the page carries it, so it explains itself
   * offline); plain text with the tooltip when the docs are not beside the report.
   */
  static String ruleLink(String rule, String docsHref) {
    String text = RuleCatalogue.text(rule);
    String title = text == null ? "" : " title=\"" + Svg.escape(rule + ": " + text) + "\"";
    if (docsHref == null || text == null) {
      return "<span class=\"rule\"" + title + ">" + Svg.escape(rule) + "</span>";
    }
    return "<a class=\"rule\" href=\"" + Svg.escape(docsHref + "/rules.md#" + RuleCatalogue.anchor(rule)) + "\""
        + title + ">" + Svg.escape(rule) + "</a>";
  }

  /** Every rule the run's decisions cite, with its text: the page explains its own rule IDs, offline. */
  private static void rulesCited(StringBuilder page, RunResult r, String docsHref) {
    java.util.Set<String> cited = new java.util.TreeSet<>(java.util.Comparator
        .comparing((String id) -> id.replaceAll("-\\d+$", ""))
        .thenComparingInt(id -> id.matches(".*-\\d+$") ? Integer.parseInt(id.replaceAll("^.*-", "")) : 0));
    for (TraceEvent e : r.events()) {
      if (e.string("rule") != null && RuleCatalogue.text(e.string("rule")) != null) {
        cited.add(e.string("rule"));
      }
    }
    if (cited.isEmpty()) {
      return;
    }
    page.append("<section id=\"rules\"><h2>Rules cited</h2><dl class=\"rules\">");
    for (String id : cited) {
      page.append("<dt id=\"rule-").append(RuleCatalogue.anchor(id)).append("\">").append(ruleLink(id, docsHref))
          .append("</dt><dd>").append(Svg.escape(RuleCatalogue.text(id))).append("</dd>");
    }
    page.append("</dl></section>\n");
  }

  /** The colours this run's timeline uses: its roles and abnormal states, in the palette's order. */
  private static String legend(RunResult r) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (var e : r.events()) {
      String to = e.string("to"); // null when a node goes down and loses its state
      if (to != null && (e.is("role") || (e.is("state") && Palette.ALARMING_STATES.contains(to)))) {
        seen.add(to);
      }
    }
    StringBuilder html = new StringBuilder("<p class=\"legend\">");
    for (String label : Palette.ORDER) {
      if (!seen.contains(label)) {
        continue;
      }
      html.append("<span><i style=\"background:").append(Palette.of(label)).append("\"></i>").append(label)
          .append("</span>");
    }
    html.append("<span><i class=\"band\"></i>fault</span><span><i class=\"raised\"></i>alarm raised</span>")
        .append("<span><i class=\"cleared\"></i>alarm cleared</span><span><i class=\"conv\"></i>fault → settled</span>")
        .append("</p>");
    return html.toString();
  }

  /** The monitor's Markdown table as HTML. */
  private static String markdownTable(String markdown) {
    StringBuilder html = new StringBuilder("<table class=\"monitor\">");
    String[] lines = markdown.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (i == 1) {
        continue; // the |---| line
      }
      String[] cells = lines[i].replaceAll("^\\| ?| ?\\|$", "").split(" ?\\| ?", -1);
      html.append("<tr>");
      for (String cell : cells) {
        html.append(i == 0 ? "<th>" : "<td>").append(Svg.escape(cell)).append(i == 0 ? "</th>" : "</td>");
      }
      html.append("</tr>");
    }
    return html.append("</table>").toString();
  }

  static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#111827;max-width:1280px}
      h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #e5e7eb}
      h3{font-size:14px;margin:18px 0 4px}code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
      .meta{color:#4b5563;margin:2px 0}.verdict{font-size:14px;padding:2px 8px;border-radius:4px;color:#fff;vertical-align:middle}
      .verdict.pass{background:#16a34a}.verdict.fail{background:#dc2626}
      table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #e5e7eb;padding:3px 8px;text-align:left;vertical-align:top}
      tr.pass td:first-child{color:#16a34a}tr.fail td:first-child{color:#dc2626;font-weight:bold}tr.expected td:first-child{color:#b45309}
      p.pass{color:#16a34a}.scroll{overflow-x:auto;border:1px solid #e5e7eb;border-radius:4px}
      svg text{font:11px system-ui,sans-serif;fill:#111827}svg text.group{font-weight:600;fill:#374151}
      svg text.bar-label{fill:#fff;pointer-events:none}svg text.tick-label{fill:#6b7280}
      svg .tick{stroke:#e5e7eb}svg rect.bar:hover,svg rect.belief:hover{opacity:.8}
      svg rect.fault-band{fill:rgba(220,38,38,.18);stroke:#dc2626;stroke-width:1}
      svg circle.alarm-raised{fill:#dc2626;stroke:#fff}svg circle.alarm-cleared{fill:#16a34a;stroke:#fff}
      svg line.decision{stroke:#111827;stroke-width:1.5}svg line.convergence{stroke:#7c3aed;stroke-width:3}
      svg line.convergence.never{stroke:#dc2626;stroke-dasharray:4 3}svg text.convergence-label{fill:#7c3aed}
      svg rect.split{fill:rgba(220,38,38,.25)}svg line.lifeline{stroke:#9ca3af;stroke-dasharray:3 3}
      svg line.msg{stroke:#1f2937}svg line.msg.dropped{stroke:#dc2626;stroke-dasharray:4 3}
      svg path.drop-cross{stroke:#dc2626;stroke-width:2}svg line.fault-line{stroke:#dc2626;stroke-dasharray:6 3}
      .legend span{margin-right:14px;white-space:nowrap}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border-radius:2px}
      .legend i.band{background:rgba(220,38,38,.18);border:1px solid #dc2626}.legend i.raised{background:#dc2626;border-radius:6px}
      .legend i.cleared{background:#16a34a;border-radius:6px}.legend i.conv{background:#7c3aed;height:3px}
      .zoom button{margin-right:4px;min-width:28px}.zoom span{color:#6b7280;margin-left:6px}
      ol.story{padding-left:0;list-style:none}ol.story li{margin:2px 0}ol.story .t{color:#6b7280;display:inline-block;width:90px}
      ol.story li.fault{color:#b91c1c}a.rule,span.rule{font-family:ui-monospace,monospace;font-size:12px}
      """;

  /** Zoom: redraw every timed element at a new plot width (text stays undistorted). No network, no library. */
  static final String SCRIPT = """
      (function(){
        var factor=1;
        function rescale(svg){
          var left=+svg.dataset.plotLeft,base=+svg.dataset.baseWidth||+svg.dataset.plotWidth,d=+svg.dataset.durationMs;
          svg.dataset.baseWidth=base;var w=base*factor;svg.dataset.plotWidth=w;
          svg.setAttribute('width',left+w+20);
          function x(t){return left+Math.min(Math.max(t,0),d)/d*w;}
          svg.querySelectorAll('[data-t-ms]').forEach(function(el){
            var t=+el.dataset.tMs,e=el.dataset.tEndMs;
            if(el.tagName==='circle'){el.setAttribute('cx',x(t));}
            else if(el.tagName==='line'){el.setAttribute('x1',x(t));el.setAttribute('x2',x(e===undefined?t:+e));}
            else if(el.tagName==='text'){el.setAttribute('x',x(t)+(el.classList.contains('tick-label')?0:el.getAttribute('text-anchor')==='end'?-4:4));}
            else if(e!==undefined){el.setAttribute('x',x(t));el.setAttribute('width',Math.max(0.5,x(+e)-x(t)));}
          });
        }
        document.querySelectorAll('[data-zoom]').forEach(function(b){b.addEventListener('click',function(){
          factor=Math.min(64,Math.max(1,factor*+b.dataset.zoom));
          document.querySelectorAll('svg[data-plot-left]').forEach(rescale);
        });});
      })();
      """;
}
