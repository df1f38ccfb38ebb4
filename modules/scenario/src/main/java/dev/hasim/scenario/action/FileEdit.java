package dev.hasim.scenario.action;

import dev.hasim.scenario.kit.ConfigFile;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A scenario edits a file on a node's disk, running or not (CWM's {@code conf} on CWMGateway.conf, MGC's
 * {@code set_param} on XECfgParm.dat). The file stays the one copy of the truth: the node re-reads it when the
 * real product would (CWM on HUP, USR1 or USR2; MGC at its next start), so the edit takes effect then.
 *
 * @param file the file on the node's disk
 * @param initial the text the scenario gives the node: its file before its first start, when the edit comes
 *     first (the node then starts with the edited file)
 * @param edit the new text from the old
 */
public record FileEdit(String target, Map<String, Object> fields, ConfigFile file, String initial,
    UnaryOperator<String> edit) implements Action {
  @Override
  public void apply(RunContext run) {
    Map<String, Object> disk = run.nodes().disk(target);
    file.seed(disk, initial);
    file.edit(disk, edit);
  }
}
