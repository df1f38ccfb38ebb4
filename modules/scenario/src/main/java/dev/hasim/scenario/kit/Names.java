package dev.hasim.scenario.kit;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.yaml.YNode;
import java.util.regex.Pattern;

/** The one rule for names a scenario gives (hosts, domains, pairs, DSRs): safe in file paths and traces. */
public final class Names {
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Names() {}

  /** Reads {@code what} as a name; {@code noun} says what kind of name in the error ("a host name"). */
  public static String read(YNode node, String what, String noun) throws ScenarioException {
    return check(node, node.string(what), what, noun);
  }

  /** Checks a name already read, reporting at {@code at}. */
  public static String check(YNode at, String name, String what, String noun) throws ScenarioException {
    if (!NAME.matcher(name).matches()) {
      throw at.expected(what, noun + " of letters, digits, '.', '_' or '-'");
    }
    return name;
  }
}
