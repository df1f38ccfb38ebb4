package dev.hasim.scenario.action;

import java.util.Map;

/**
 * An operator command or signal straight to one node's process (not through the network), as models add
 * them: a CWM signal, an MGC MML command. A node that is not running records that the command had no effect.
 */
public record CommandAction(String target, Map<String, Object> fields, Object message) implements Action {
  @Override
  public void apply(RunContext run) {
    if (!run.nodes().command(target, message)) {
      run.nodes().recorder(target).log("console", null, fields.get("action") + ": " + target
          + " is not running; the command has no effect");
    }
  }
}
