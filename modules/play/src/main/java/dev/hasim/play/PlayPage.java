package dev.hasim.play;

import dev.hasim.report.html.Replay;
import dev.hasim.report.html.ReplayData;
import dev.hasim.scenario.spi.ModelTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The playground page: the report's replay (same script and styles) fed live, with buttons for the faults and
 * the models' operator actions.
 */
final class PlayPage {
  /**
   * Ready-to-edit examples of the models' operator actions, by action key ({@code $NODE}: the clicked node).
   * Keys a model adds without an example here get {@code {key: {node: $NODE}}}, to be completed before injecting.
   */
  static final Map<String, List<String[]>> EXAMPLES = Map.of(
      "signal", List.of(new String[] {"signal USR2 (switch over)", "{signal: {node: $NODE, name: USR2}}"},
          new String[] {"signal HUP (reread conf)", "{signal: {node: $NODE, name: HUP}}"}),
      "force_primary", List.<String[]>of(new String[] {"force_primary", "{force_primary: $NODE}"}),
      "watchdog_restart", List.<String[]>of(new String[] {"watchdog_restart", "{watchdog_restart: $NODE}"}),
      "conf", List.<String[]>of(new String[] {"conf edit", "{conf: {node: $NODE, set: \"SP1_AutoSwitchOver OFF\"}}"}),
      "mml", List.of(new String[] {"MML prov-sync", "{mml: {node: $NODE, command: prov-sync}}"},
          new String[] {"MML sw-over", "{mml: {node: $NODE, command: sw-over::confirm}}"}),
      "provision", List.<String[]>of(new String[] {"provision", "{provision: {node: $NODE}}"}),
      "network_provision", List.<String[]>of(new String[] {"network_provision (CWM-12)",
          "{network_provision: {node: $NODE, object: port-1, op: add}}"}),
      "configurator", List.of(new String[] {"configurator start (CWM-21)", "{configurator: {node: $NODE}}"},
          new String[] {"configurator exit", "{configurator: {node: $NODE, op: exit}}"}));

  private PlayPage() {}

  static String render(Playground live) {
    ReplayData data = new ReplayData(live.scenario(), live.groups());
    Map<String, Object> header = data.header();
    header.put("live", true);
    header.put("speed", live.speed());
    header.put("expectations", List.of());
    header.put("events", List.of());
    List<Map<String, String>> actions = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>();
    for (ModelTopology topology : live.scenario().topologies()) {
      keys.addAll(topology.actionKeys());
    }
    for (String key : keys) {
      List<String[]> examples = EXAMPLES.getOrDefault(key,
          List.<String[]>of(new String[] {key, "{" + key + ": {node: $NODE}}"}));
      for (String[] example : examples) {
        Map<String, String> action = new LinkedHashMap<>();
        action.put("label", example[0]);
        action.put("template", example[1]);
        actions.add(action);
      }
    }
    header.put("actions", actions);
    String title = live.scenario().name() + " — hasim play";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
        + "</title><style>body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111827;max-width:1280px}"
        + "h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:20px 0 8px;border-bottom:1px solid #e5e7eb}"
        + "h3{font-size:14px;margin:12px 0 4px}code{background:#f3f4f6;padding:1px 4px;border-radius:3px}"
        + "table{border-collapse:collapse}td,th{border:1px solid #e5e7eb;padding:3px 8px;text-align:left}"
        + "ol.story{padding-left:0;list-style:none}ol.story .t{color:#6b7280;display:inline-block;width:90px}"
        + "ol.story li.fault{color:#b91c1c}.rule{font-family:ui-monospace,monospace;font-size:12px}</style></head>"
        + "<body><main><header><h1>" + escape(live.scenario().name()) + " <small>live</small></h1><p>"
        + escape(live.scenario().description()) + "</p><p class=\"hint\">seed " + live.seed()
        + " · virtual time paced to the wall clock; press play, click a node or a link to inject a fault, save "
        + "the run as a scenario file.</p></header>" + Replay.section() + "</main>"
        + Replay.assets(ReplayData.json(header)) + "</body></html>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
