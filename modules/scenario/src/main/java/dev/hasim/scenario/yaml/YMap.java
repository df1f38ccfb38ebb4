package dev.hasim.scenario.yaml;

import dev.hasim.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** A YAML mapping with string keys, in file order. Duplicate and unknown keys are errors with positions. */
public final class YMap {
  private final YNode self;
  private final Map<String, YNode> values = new LinkedHashMap<>();
  private final Map<String, YNode> keys = new LinkedHashMap<>();

  YMap(YNode self, MappingNode mapping) throws ScenarioException {
    this.self = self;
    for (NodeTuple tuple : mapping.getValue()) {
      YNode key = new YNode(self.file(), tuple.getKeyNode());
      if (!(tuple.getKeyNode() instanceof ScalarNode scalar) || key.isNull()) {
        throw key.error("expected a plain key (a name), found " + key.describe());
      }
      String name = scalar.getValue();
      if (values.containsKey(name)) {
        throw key.error("duplicate key '" + name + "' (first at line " + keys.get(name).line() + ")");
      }
      keys.put(name, key);
      values.put(name, new YNode(self.file(), tuple.getValueNode()));
    }
  }

  public YNode node() {
    return self;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public YNode get(String key) {
    return values.get(key);
  }

  public YNode require(String key, String expectation) throws ScenarioException {
    YNode value = values.get(key);
    if (value == null) {
      throw self.error("missing '" + key + "': expected " + expectation);
    }
    return value;
  }

  public List<String> keys() {
    return new ArrayList<>(values.keySet());
  }

  public int size() {
    return values.size();
  }

  public YNode keyNode(String key) {
    return keys.get(key);
  }

  /** Refuses any key not in {@code allowed}, naming the ones that are; every unknown key is reported. */
  public YMap allowOnly(Set<String> allowed) throws ScenarioException {
    List<ScenarioException> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        unknown.add(keys.get(key).error("unknown key '" + key + "'; expected one of "
            + String.join(", ", new TreeSet<>(allowed))));
      }
    }
    if (!unknown.isEmpty()) {
      throw ScenarioException.of(unknown);
    }
    return this;
  }

  public Map<String, YNode> entries() {
    return values;
  }
}
