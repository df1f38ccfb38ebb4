package dev.hasim.scenario.kit;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A configuration file the real product has (CWM's CWMGateway.conf, MGC's XECfgParm.dat): text on the node's
 * disk, which outlives its incarnations. The scenario seeds it, {@code conf}/{@code set_param} actions edit it,
 * and the node parses it with its model's one parser when the product would read it (at start; CWM also on
 * HUP, USR1 and USR2). The file is the one copy of the truth; nothing keeps a parsed copy beside it.
 */
public record ConfigFile(String name) {
  /** The file's text; an absent file reads as empty (every key at its default). */
  public String text(Map<String, Object> disk) {
    Object text = disk.get(name);
    return text == null ? "" : (String) text;
  }

  /** Puts the scenario's text on a disk that has no such file yet (a first start). */
  public void seed(Map<String, Object> disk, String text) {
    disk.putIfAbsent(name, text);
  }

  /** Rewrites the file from its current text. */
  public void edit(Map<String, Object> disk, UnaryOperator<String> edit) {
    disk.put(name, edit.apply(text(disk)));
  }
}
