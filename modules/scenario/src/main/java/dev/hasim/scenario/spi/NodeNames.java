package dev.hasim.scenario.spi;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scenario's node names, for checking every reference to a node where it is written. */
public final class NodeNames {
  private final Set<String> names;

  public NodeNames(Iterable<String> names) {
    this.names = new LinkedHashSet<>();
    names.forEach(this.names::add);
  }

  public boolean contains(String name) {
    return names.contains(name);
  }

  public Set<String> all() {
    return names;
  }

  /** Reads one node name and checks it exists. */
  public String read(YNode value, String what) throws ScenarioException {
    String name = value.string(what);
    if (!names.contains(name)) {
      throw value.error(what + ": unknown node \"" + name + "\"; the topology defines " + sample());
    }
    return name;
  }

  /**
   * Reads one node name that must also be one of a model's nodes; {@code noun} names them in the error
   * ("a CWM gateway", "an MGC host").
   */
  public String readOf(YNode value, String what, java.util.function.Predicate<String> ofModel, String noun)
      throws ScenarioException {
    String name = read(value, what);
    if (!ofModel.test(name)) {
      throw value.error(what + ": " + name + " is not " + noun);
    }
    return name;
  }

  /** Reads a name or a list of names, each of which must exist. */
  public List<String> readAll(YNode value, String what) throws ScenarioException {
    List<String> result = new ArrayList<>();
    if (value.isList()) {
      for (YNode item : value.list(what)) {
        result.add(read(item, what));
      }
    } else {
      result.add(read(value, what));
    }
    return result;
  }

  private String sample() {
    List<String> first = names.stream().limit(8).toList();
    return String.join(", ", first) + (names.size() > first.size() ? " … (" + names.size() + " nodes)" : "");
  }
}
